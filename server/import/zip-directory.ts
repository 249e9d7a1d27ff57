/**
 * The directory of a zip (an .xlsx is one), read from its bytes before anything is decompressed: names, sizes,
 * compression methods and where each entry lies. Written here rather than taken from a library because what an
 * import needs first is the sizes alone, to refuse a zip bomb before inflating a byte: jszip keeps them private
 * (`_data`) and inflates on load, and unzipper (0.10) is only exceljs's own dependency, not ours. It also
 * checks what exceljs's streaming parser (unzipper's `Parse`, which walks the local headers from the start and
 * never reads this directory) will see: that the local entries lie end to end from byte 0 to the directory, one
 * per directory entry, under the same names and sizes — so no entry hides from the size check.
 */
import { createInflateRaw, inflateRawSync } from 'node:zlib';

export type ZipEntry = {
  name: string;
  flags: number;
  /** 0 stored, 8 deflated; anything else is refused when read. */
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  /** Where its local header starts, where its data starts, and where the next entry (or the directory) starts. */
  localOffset: number;
  dataOffset: number;
  end: number;
};

export type ZipDirectory = { entries: ZipEntry[]; directoryOffset: number };

/** A zip that cannot be read as one: truncated, inconsistent or using what an .xlsx never does. */
export class ZipFormatError extends Error {}

const signatures = { local: 0x04034b50, central: 0x02014b50, end: 0x06054b50, end64: 0x06064b50, locator64: 0x07064b50, descriptor: 0x08074b50 };
const max32 = 0xffffffff;

function fail(why: string): never {
  throw new ZipFormatError(why);
}

function u64(bytes: Buffer, at: number): number {
  const value = bytes.readBigUInt64LE(at);
  return value > BigInt(Number.MAX_SAFE_INTEGER) ? fail('zip64 value out of range') : Number(value);
}

/** The End of Central Directory record: the last 22 bytes, or earlier by a comment of at most 65,535 bytes. */
function findEnd(bytes: Buffer): number {
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (bytes.readUInt32LE(at) === signatures.end && at + 22 + bytes.readUInt16LE(at + 20) === bytes.length) return at;
  }
  return fail('no end of central directory record');
}

/** Sizes and offsets that read 0xFFFFFFFF in the directory entry are in its zip64 extra field (id 1), in this order. */
function applyZip64(extra: Buffer, entry: { uncompressedSize: number; compressedSize: number; localOffset: number }): void {
  for (let at = 0; at + 4 <= extra.length;) {
    const id = extra.readUInt16LE(at);
    const size = extra.readUInt16LE(at + 2);
    if (id === 1) {
      let field = at + 4;
      for (const key of ['uncompressedSize', 'compressedSize', 'localOffset'] as const) {
        if (entry[key] !== max32) continue;
        if (field + 8 > at + 4 + size) fail('short zip64 extra field');
        entry[key] = u64(extra, field);
        field += 8;
      }
      return;
    }
    at += 4 + size;
  }
  if (entry.uncompressedSize === max32 || entry.compressedSize === max32 || entry.localOffset === max32) fail('zip64 sizes without a zip64 field');
}

/** Reads the central directory and checks each local header against it; throws ZipFormatError on anything amiss. */
export function readZipDirectory(bytes: Buffer): ZipDirectory {
  if (bytes.length < 22) fail('too short');
  const end = findEnd(bytes);
  if (bytes.readUInt16LE(end + 4) !== 0 || bytes.readUInt16LE(end + 6) !== 0) fail('multi-disk archive');
  let count = bytes.readUInt16LE(end + 10);
  let directorySize = bytes.readUInt32LE(end + 12);
  let directoryOffset = bytes.readUInt32LE(end + 16);
  if (count === 0xffff || directorySize === max32 || directoryOffset === max32) {
    const locator = end - 20;
    if (locator < 0 || bytes.readUInt32LE(locator) !== signatures.locator64) fail('no zip64 locator');
    const record = u64(bytes, locator + 8);
    if (record + 56 > bytes.length || bytes.readUInt32LE(record) !== signatures.end64) fail('bad zip64 end record');
    count = u64(bytes, record + 32);
    directorySize = u64(bytes, record + 40);
    directoryOffset = u64(bytes, record + 48);
  }
  if (directoryOffset + directorySize > end) fail('directory outside the file');

  const entries: ZipEntry[] = [];
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || bytes.readUInt32LE(at) !== signatures.central) fail('bad central directory entry');
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    const nameBytes = bytes.subarray(at + 46, at + 46 + nameLength);
    const sizes = { compressedSize: bytes.readUInt32LE(at + 20), uncompressedSize: bytes.readUInt32LE(at + 24), localOffset: bytes.readUInt32LE(at + 42) };
    applyZip64(bytes.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength), sizes);
    entries.push({ name: nameBytes.toString('utf8'), flags: bytes.readUInt16LE(at + 8), method: bytes.readUInt16LE(at + 10), ...sizes, dataOffset: 0, end: 0 });
    checkLocalHeader(bytes, entries[i], nameBytes);
    at += 46 + nameLength + extraLength + commentLength;
  }
  if (at !== directoryOffset + directorySize) fail('directory size mismatch');
  checkContiguous(entries, directoryOffset);
  return { entries, directoryOffset };
}

function checkLocalHeader(bytes: Buffer, entry: ZipEntry, nameBytes: Buffer): void {
  const at = entry.localOffset;
  if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== signatures.local) fail(`bad local header for ${entry.name}`);
  const nameLength = bytes.readUInt16LE(at + 26);
  if (!bytes.subarray(at + 30, at + 30 + nameLength).equals(nameBytes)) fail(`local name differs for ${entry.name}`);
  entry.dataOffset = at + 30 + nameLength + bytes.readUInt16LE(at + 28);
  if (entry.dataOffset + entry.compressedSize > bytes.length) fail(`${entry.name} runs past the end`);
  // unzipper trusts the local compressed size unless it is 0 with a data descriptor: it must be the directory's.
  const localCompressed = bytes.readUInt32LE(at + 18);
  const deferred = (entry.flags & 0x08) !== 0 && localCompressed === 0;
  if (!deferred && localCompressed !== max32 && localCompressed !== entry.compressedSize) fail(`local size differs for ${entry.name}`);
  if (deferred && bytes.readUInt32LE(entry.dataOffset + entry.compressedSize) !== signatures.descriptor) fail(`no data descriptor for ${entry.name}`);
}

/** Entries end to end from byte 0 to the directory, each followed by nothing or its data descriptor (12–24 bytes). */
function checkContiguous(entries: ZipEntry[], directoryOffset: number): void {
  const sorted = [...entries].sort((a, b) => a.localOffset - b.localOffset);
  sorted.forEach((entry, i) => {
    if (entry.localOffset !== (i === 0 ? 0 : sorted[i - 1].end)) fail('gap or overlap between entries');
    entry.end = i + 1 < sorted.length ? sorted[i + 1].localOffset : directoryOffset;
    const trailer = entry.end - (entry.dataOffset + entry.compressedSize);
    const allowed = entry.flags & 0x08 ? [12, 16, 20, 24] : [0];
    if (!allowed.includes(trailer)) fail(`unexpected bytes after ${entry.name}`);
  });
}

/**
 * Inflates an entry to count its bytes, keeping none, and stops as soon as it passes `cap`. Returns the true
 * size (which a hostile zip may have misstated) or throws ZipFormatError for a broken or truncated stream.
 */
export async function inflatedSize(bytes: Buffer, entry: ZipEntry, cap: number): Promise<number> {
  const data = bytes.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
  if (entry.method === 0) return data.length;
  if (entry.method !== 8) fail(`compression method ${entry.method}`);
  return new Promise((resolve, reject) => {
    const inflater = createInflateRaw();
    let total = 0;
    inflater.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > cap) {
        inflater.destroy();
        resolve(total);
      }
    });
    inflater.on('end', () => resolve(total));
    inflater.on('error', (error) => reject(new ZipFormatError(`${entry.name}: ${error.message}`)));
    inflater.end(data);
  });
}

/** The text of a small entry ([Content_Types].xml, the workbook and its relationships), at most `cap` bytes. */
export function entryText(bytes: Buffer, entry: ZipEntry, cap: number): string {
  const data = bytes.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
  if (entry.method === 0) return data.subarray(0, cap).toString('utf8');
  if (entry.method !== 8) fail(`compression method ${entry.method}`);
  try {
    return inflateRawSync(data, { maxOutputLength: cap }).toString('utf8');
  } catch (error) {
    return fail(`${entry.name}: ${(error as Error).message}`);
  }
}
