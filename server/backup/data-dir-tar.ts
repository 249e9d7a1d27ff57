/**
 * A gzipped tar of a live data directory, between pg_backup_start and pg_backup_stop. Written here rather
 * than with node-tar's packer because files change under it: a relation truncated by VACUUM while read makes
 * node-tar fail ("unexpected EOF"), where PostgreSQL's own base backup pads the file with zeros and lets WAL
 * replay repair it; a file removed before it is opened is skipped. What PostgreSQL's documentation says to
 * leave out of a base backup is left out (the directories stay, empty).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { Header, Pax, type HeaderData } from 'tar';

/** Directories whose contents are recreated at start or replayed from WAL (basebackup.c's list, and pg_wal). */
const emptiedDirectories = new Set(['pg_wal', 'pg_stat_tmp', 'pg_replslot', 'pg_dynshmem', 'pg_notify', 'pg_serial', 'pg_snapshots', 'pg_subtrans']);
/** Files of a running cluster, or of an earlier backup, that a restored one must not find. */
const excludedFiles = new Set([
  'postmaster.pid',
  'postmaster.opts',
  'postgresql.auto.conf.tmp',
  'current_logfiles.tmp',
  'backup_label',
  'tablespace_map',
  'backup_manifest',
  'recovery.signal',
  'standby.signal',
]);

function excluded(name: string): boolean {
  return excludedFiles.has(name) || name.startsWith('pgsql_tmp') || name.startsWith('pg_internal.init');
}

const block = 512;
const chunk = 1 << 20;

function header(data: HeaderData): Buffer {
  const entry = new Header(data);
  const encoded = Buffer.alloc(block);
  // Paths under PGDATA are short; a longer one gets a pax header, as tar does.
  if (entry.encode(encoded, 0)) return Buffer.concat([new Pax({ path: data.path, mtime: data.mtime }).encode(), encoded]);
  return encoded;
}

/** The tar stream of `pgdata`: directory entries, then each file read at most to the size it had when opened. */
async function* tarEntries(pgdata: string, relative = ''): AsyncGenerator<Buffer> {
  const names = (await fsp.readdir(path.join(pgdata, relative))).sort();
  for (const name of names) {
    if (excluded(name)) continue;
    const entryPath = relative ? `${relative}/${name}` : name;
    const full = path.join(pgdata, entryPath);
    const stat = await fsp.lstat(full).catch(() => undefined);
    if (!stat) continue; // removed since listed: WAL replay recreates what is needed
    if (stat.isSymbolicLink()) throw new Error(`${entryPath} is a symbolic link (a tablespace or a moved pg_wal): not supported by this backup`);
    if (stat.isDirectory()) {
      yield header({ path: `${entryPath}/`, type: 'Directory', mode: stat.mode & 0o7777, mtime: stat.mtime, size: 0 });
      if (!(relative === '' && emptiedDirectories.has(name))) yield* tarEntries(pgdata, entryPath);
      else if (name === 'pg_wal') yield header({ path: 'pg_wal/archive_status/', type: 'Directory', mode: 0o700, mtime: stat.mtime, size: 0 });
      continue;
    }
    if (!stat.isFile()) continue;
    const file = await fsp.open(full, 'r').catch(() => undefined);
    if (!file) continue;
    try {
      const size = (await file.stat()).size;
      yield header({ path: entryPath, type: 'File', mode: stat.mode & 0o7777, mtime: stat.mtime, size });
      let done = 0;
      while (done < size) {
        const buffer = Buffer.alloc(Math.min(chunk, size - done));
        const { bytesRead } = await file.read(buffer, 0, buffer.length, done);
        // Truncated while read: zeros to the size announced, as pg_basebackup does; replay repairs the file.
        if (bytesRead === 0) {
          yield buffer;
          done += buffer.length;
          continue;
        }
        yield bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead);
        done += bytesRead;
      }
      if (size % block) yield Buffer.alloc(block - (size % block));
    } finally {
      await file.close();
    }
  }
  if (!relative) yield Buffer.alloc(block * 2);
}

/** Sha256 of the bytes that pass, without holding them. */
export function hashingPassThrough(hash: crypto.Hash): Transform {
  return new Transform({
    transform(data: Buffer, _encoding, done) {
      hash.update(data);
      done(null, data);
    },
  });
}

/** Writes `pgdata` as a gzipped tar to `file` (synced); returns its size and sha256. */
export async function writeDataDirTar(pgdata: string, file: string, signal?: AbortSignal): Promise<{ bytes: number; sha256: string }> {
  const hash = crypto.createHash('sha256');
  await pipeline(tarEntries(pgdata), zlib.createGzip({ level: 1 }), hashingPassThrough(hash), fs.createWriteStream(file, { mode: 0o600 }), { signal });
  const handle = await fsp.open(file, 'r+');
  await handle.sync();
  await handle.close();
  return { bytes: (await fsp.stat(file)).size, sha256: hash.digest('hex') };
}
