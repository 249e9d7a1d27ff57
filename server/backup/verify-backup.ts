/**
 * A backup proven by restoring it: into a throwaway directory on another loopback port, from the backup alone
 * (its own WAL, no archive), then its row counts compared with the manifest's and the audit chain walked there
 * (and the anchors up to the backup's last entry). The outcome is written beside the backup
 * (verification.json, for the console) and returned; the throwaway cluster is stopped and deleted either way.
 *
 * The manifest counts rows in a snapshot taken just before pg_backup_stop, and the restore holds every commit up
 * to the stop: writes in between may differ them. Every audited write appends an audit entry, so no table may
 * differ by more rows than the audit trail grew in that moment (and the trail, append-only, never shrinks).
 *
 * A logical backup (of an external database) is restored the same way it would be for real (logical-restore.ts)
 * into the empty database of a throwaway embedded cluster; its manifest counts the very snapshot it holds, so
 * every table's rows must match exactly.
 */
import fsp from 'node:fs/promises';
import path from 'node:path';
import crypto from 'node:crypto';
import pg from 'pg';
import { checkAnchors, type AnchorSettings } from '../audit/anchors.js';
import { verifyAuditTrail } from '../audit/verify.js';
import { EmbeddedCluster, osUser } from '../db/embedded-cluster.js';
import { databaseName, ensureRolesAndDatabase, ownerRoleName } from '../db/roles.js';
import { isLogical, readAnyManifest } from './backup-manifest.js';
import { BackupRefused } from './backup-refused.js';
import { ident } from './logical-tables.js';
import { checkLogicalBackup, restoreLogicalBackup } from './logical-restore.js';
import { restoreBackup } from './restore.js';
import { walArchiveSettings } from './wal-archive.js';

export const verificationName = 'verification.json';

export type Verification = {
  backup: string;
  at: string;
  ok: boolean;
  seconds: number;
  /** What failed, in English (and Chinese where the refusal said it). */
  problems: string[];
  rowCounts: Record<string, { manifest: number; restored: number }>;
  auditEntries?: number;
  anchors?: { checked: number; later: number };
};

export type VerifyOptions = { from: string; scratchDir: string; knownMigrations: readonly string[]; anchors?: AnchorSettings };

/** Differences of the restored counts from the manifest's beyond what audited writes in the backup's last moment explain. */
export function countProblems(rowCounts: Verification['rowCounts']): string[] {
  const audit = rowCounts.audit_entry;
  const grown = audit ? audit.restored - audit.manifest : 0;
  if (audit && grown < 0) return [`audit_entry: ${audit.restored} rows restored, ${audit.manifest} in the manifest (the trail lost entries)`];
  return Object.entries(rowCounts)
    .filter(([table, counts]) => table !== 'audit_entry' && Math.abs(counts.restored - counts.manifest) > grown)
    .map(([table, counts]) => `${table}: ${counts.restored} rows restored, ${counts.manifest} in the manifest`);
}

/** The audit chain walked in the restored database, and the anchors up to its last entry. */
async function checkAuditTrail(client: pg.Client, verification: Verification, anchorSettings: AnchorSettings | undefined): Promise<void> {
  const audit = await verifyAuditTrail(client);
  verification.auditEntries = audit.entries;
  verification.problems.push(...audit.breaks.map((link) => `audit entry ${link.id}: ${link.reason}`));
  if (anchorSettings) {
    const anchors = await checkAnchors(client, anchorSettings, { upToId: audit.lastId });
    verification.anchors = { checked: anchors.anchors - (anchors.later ?? 0), later: anchors.later ?? 0 };
    verification.problems.push(...anchors.problems.map((problem) => `anchor ${problem.line}: ${problem.reason}`));
  }
}

async function verifyPhysical(options: VerifyOptions, verification: Verification): Promise<void> {
  const report = await restoreBackup({ from: options.from, dataDir: options.scratchDir, knownMigrations: options.knownMigrations, settings: walArchiveSettings(undefined, 0) });
  const client = new pg.Client(report.cluster.connectionOptions(databaseName));
  try {
    for (const [table, manifest] of Object.entries(report.manifest.rowCounts)) verification.rowCounts[table] = { manifest, restored: report.rowCounts[table] ?? 0 };
    verification.problems.push(...countProblems(verification.rowCounts));
    if ('audit_entry' in report.rowCounts) {
      await client.connect();
      await checkAuditTrail(client, verification, options.anchors);
    }
  } finally {
    await client.end().catch(() => undefined);
    await report.cluster.stop();
  }
}

/** A logical backup loaded into a new embedded cluster's empty database, as the owner role, as a real restore does. */
async function verifyLogical(options: VerifyOptions, verification: Verification): Promise<void> {
  await checkLogicalBackup(options.from, options.knownMigrations); // a spoiled backup is told before a cluster starts
  // As root, PostgreSQL runs as its system user, who must traverse (not read) the directory the scratch is in.
  if ((await osUser()).uid !== undefined) await fsp.chmod(path.dirname(options.scratchDir), 0o711);
  const cluster = await EmbeddedCluster.start(options.scratchDir, { settings: walArchiveSettings(undefined, 0) });
  const client = new pg.Client(cluster.connectionOptions(databaseName));
  try {
    const passwords = { owner: crypto.randomBytes(18).toString('base64url'), app: crypto.randomBytes(18).toString('base64url') };
    await ensureRolesAndDatabase(cluster.connectionOptions('postgres'), passwords);
    const report = await restoreLogicalBackup({
      from: options.from,
      ownerUrl: cluster.url({ user: ownerRoleName, password: passwords.owner }, databaseName),
      knownMigrations: options.knownMigrations,
    });
    await client.connect();
    // Counted afresh, not taken from the load: what the restored database holds once the restore is over.
    for (const [table, manifest] of Object.entries(report.manifest.rowCounts)) {
      const restored = Number((await client.query<{ n: string }>(`select count(*) as n from ${ident(table)}`)).rows[0].n);
      verification.rowCounts[table] = { manifest, restored };
      if (restored !== manifest) verification.problems.push(`${table}: ${restored} rows restored, ${manifest} in the manifest`);
    }
    if ('audit_entry' in report.rowCounts) await checkAuditTrail(client, verification, options.anchors);
  } finally {
    await client.end().catch(() => undefined);
    await cluster.stop();
  }
}

export async function verifyBackup(options: VerifyOptions): Promise<Verification> {
  const began = Date.now();
  const verification: Verification = { backup: path.basename(options.from), at: new Date().toISOString(), ok: false, seconds: 0, problems: [], rowCounts: {} };
  await fsp.rm(options.scratchDir, { recursive: true, force: true });
  try {
    const manifest = await readAnyManifest(options.from);
    if (isLogical(manifest)) await verifyLogical(options, verification);
    else await verifyPhysical(options, verification);
  } catch (error) {
    verification.problems.push(error instanceof BackupRefused ? error.en : (error as Error).message);
  } finally {
    await fsp.rm(options.scratchDir, { recursive: true, force: true });
  }
  verification.ok = verification.problems.length === 0;
  verification.seconds = (Date.now() - began) / 1000;
  await fsp.writeFile(path.join(options.from, verificationName), `${JSON.stringify(verification, null, 2)}\n`, { mode: 0o600 }).catch(() => undefined);
  return verification;
}
