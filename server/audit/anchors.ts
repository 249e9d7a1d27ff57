/**
 * Anchors of the audit chain outside the database: from time to time (and on demand, `npm run
 * audit:anchor`) the chain's head — last entry id, its hash, the number of entries — is appended to an
 * anchor log on disk, each line authenticated (HMAC-SHA256, chained to the line before) with a key that
 * never enters the database. Whoever rewrites the trail and recomputes every hash in the database still
 * cannot make an anchored head match, nor forge or reorder anchors without the key: `audit:verify` checks
 * every anchor against the trail.
 *
 * The key: AUDIT_ANCHOR_KEY (hex, 64 characters), or a key file created at first use (mode 600). The log:
 * AUDIT_ANCHOR_LOG. Keep both off the database host in production (README "the audit trail").
 */
import { every } from '../jobs/periodic.js';
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';

export type AnchorSettings = { logPath: string; keyPath: string; key?: string };

export type Anchor = { at: string; lastId: string; entries: number; headHash: string; mac: string };

/** `later`: anchors of entries beyond `upToId`, authenticated but not compared (a restored backup ends before them). */
export type AnchorCheck = { anchors: number; problems: { line: number; reason: string }[]; later?: number };

/** The anchoring key: given, read from its file, or made and written there on first use. */
export async function anchorKey(settings: AnchorSettings): Promise<Buffer> {
  if (settings.key) {
    if (!/^[0-9a-f]{64}$/i.test(settings.key)) throw new Error('AUDIT_ANCHOR_KEY must be 64 hexadecimal characters (32 bytes)');
    return Buffer.from(settings.key, 'hex');
  }
  try {
    return Buffer.from((await fs.readFile(settings.keyPath, 'utf8')).trim(), 'hex');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const key = crypto.randomBytes(32);
    await fs.mkdir(path.dirname(settings.keyPath), { recursive: true });
    await fs.writeFile(settings.keyPath, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    return key;
  }
}

function mac(key: Buffer, anchor: Omit<Anchor, 'mac'>, previousMac: string): string {
  return crypto
    .createHmac('sha256', key)
    .update([previousMac, anchor.at, anchor.lastId, String(anchor.entries), anchor.headHash].join('\n'))
    .digest('hex');
}

async function readAnchors(logPath: string): Promise<string[]> {
  try {
    return (await fs.readFile(logPath, 'utf8')).split('\n').filter((line) => line.trim());
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** Appends the chain's current head to the anchor log; the anchor written. */
export async function writeAnchor(client: pg.ClientBase, settings: AnchorSettings): Promise<Anchor> {
  const key = await anchorKey(settings);
  const { rows } = await client.query<{ lastId: string; headHash: string; entries: number }>(
    `select h.last_id::text as "lastId", h.last_hash as "headHash", (select count(*)::int from audit_entry a where a.id <= h.last_id) as entries from audit_head h where h.id = 1`,
  );
  const lines = await readAnchors(settings.logPath);
  const previousMac = lines.length ? (JSON.parse(lines[lines.length - 1]) as Anchor).mac : '';
  const head = { at: new Date().toISOString(), ...rows[0] };
  const anchor = { ...head, mac: mac(key, head, previousMac) };
  await fs.mkdir(path.dirname(settings.logPath), { recursive: true });
  await fs.appendFile(settings.logPath, `${JSON.stringify(anchor)}\n`, { mode: 0o600 });
  return anchor;
}

/**
 * Checks every anchor: its authentication (chained, so none can be dropped, changed or reordered unseen),
 * and that the trail still holds the anchored entry with the anchored hash and as many entries up to it.
 * `upToId`: the trail is a backup's, which ends there; anchors of later entries are only authenticated.
 */
export async function checkAnchors(client: pg.ClientBase, settings: AnchorSettings, options: { upToId?: string } = {}): Promise<AnchorCheck> {
  const lines = await readAnchors(settings.logPath);
  if (lines.length === 0) return { anchors: 0, problems: [] };
  const key = await anchorKey(settings);
  const problems: AnchorCheck['problems'] = [];
  let previousMac = '';
  let later = 0;
  for (const [index, line] of lines.entries()) {
    const number = index + 1;
    let anchor: Anchor;
    try {
      anchor = JSON.parse(line) as Anchor;
    } catch {
      problems.push({ line: number, reason: 'is not an anchor (unreadable)' });
      continue;
    }
    const { mac: stated, ...head } = anchor;
    if (mac(key, head, previousMac) !== stated) problems.push({ line: number, reason: 'is not authentic (changed, forged, or an anchor before it was removed)' });
    previousMac = stated;
    if (options.upToId !== undefined && BigInt(anchor.lastId) > BigInt(options.upToId)) {
      later += 1;
      continue;
    }
    const { rows } = await client.query<{ hash: string | null; entries: number }>(
      `select (select hash from audit_entry where id = $1::bigint) as hash, (select count(*)::int from audit_entry where id <= $1::bigint) as entries`,
      [anchor.lastId],
    );
    if (anchor.lastId !== '0' && rows[0].hash !== anchor.headHash) {
      problems.push({ line: number, reason: `entry ${anchor.lastId} no longer has the hash anchored at ${anchor.at} (the trail was rewritten)` });
    }
    if (rows[0].entries !== anchor.entries) {
      problems.push({ line: number, reason: `the trail holds ${rows[0].entries} entries up to ${anchor.lastId}, ${anchor.entries} were anchored at ${anchor.at}` });
    }
  }
  return options.upToId === undefined ? { anchors: lines.length, problems } : { anchors: lines.length, problems, later };
}

/** Advisory lock key: of several server processes on one database, one anchors at a time. */
const anchoringLock = 7402812;

/**
 * Anchors now and every `minutes` while the server runs (the one process that holds the lock writes; the log
 * is per data directory). Failures are reported and retried at the next turn. Returns the stop.
 */
export function startAnchoring(pool: pg.Pool, settings: AnchorSettings, minutes: number, report: (message: string) => void): () => Promise<void> {
  return every(
    minutes,
    async () => {
      const client = await pool.connect();
      try {
        const { rows } = await client.query<{ locked: boolean }>(`select pg_try_advisory_lock($1) as locked`, [anchoringLock]);
        if (!rows[0].locked) return;
        try {
          await writeAnchor(client, settings);
        } finally {
          await client.query(`select pg_advisory_unlock($1)`, [anchoringLock]);
        }
      } finally {
        client.release();
      }
    },
    (error) => report(`audit anchor not written: ${error.message}`),
  );
}
