/**
 * What an uploaded file is, told by its bytes and never by its name: the signatures of PDF, PNG, JPEG, GIF and
 * WebP, and for Word and Excel (zip containers) the zip's own directory with the part that makes it one
 * (`word/document.xml`, `xl/workbook.xml`) and no macros. Written here rather than taken from `file-type`
 * because the import already reads zip directories defensively (../import/zip-directory.ts: sizes and local
 * headers checked before anything is inflated), seven signatures are a table, and a dependency that answers
 * "zip" or "docx" by its own rules would still need the macro check on top.
 */
import { entryText, readZipDirectory, ZipFormatError } from '../import/zip-directory.js';
import type { Messages } from '../graphql/errors.js';

export type AttachmentFileType = { name: 'pdf' | 'png' | 'jpeg' | 'gif' | 'webp' | 'docx' | 'xlsx'; contentType: string };

/** What a refused file is, when its bytes say (an executable named letter.pdf is told as such). */
export type Refusal = { reason: 'EXECUTABLE' | 'NOT_OFFICE' | 'MACROS' | 'UNKNOWN'; messages: Messages };

const startsWith = (bytes: Buffer, at: number, signature: string | number[]) =>
  bytes.subarray(at, at + signature.length).equals(typeof signature === 'string' ? Buffer.from(signature, 'latin1') : Buffer.from(signature));

/** The plain signatures, each at the start of the file (WebP's after the RIFF size). */
const signed: { type: AttachmentFileType; test: (bytes: Buffer) => boolean }[] = [
  { type: { name: 'pdf', contentType: 'application/pdf' }, test: (bytes) => startsWith(bytes, 0, '%PDF-') },
  { type: { name: 'png', contentType: 'image/png' }, test: (bytes) => startsWith(bytes, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { type: { name: 'jpeg', contentType: 'image/jpeg' }, test: (bytes) => startsWith(bytes, 0, [0xff, 0xd8, 0xff]) },
  { type: { name: 'gif', contentType: 'image/gif' }, test: (bytes) => startsWith(bytes, 0, 'GIF87a') || startsWith(bytes, 0, 'GIF89a') },
  { type: { name: 'webp', contentType: 'image/webp' }, test: (bytes) => startsWith(bytes, 0, 'RIFF') && startsWith(bytes, 8, 'WEBP') },
];

/** Programs, by their headers: Windows (MZ), Linux (ELF), macOS (Mach-O, both byte orders and fat), scripts (#!). */
const executables = ['MZ', '\x7fELF', [0xfe, 0xed, 0xfa, 0xce], [0xfe, 0xed, 0xfa, 0xcf], [0xce, 0xfa, 0xed, 0xfe], [0xcf, 0xfa, 0xed, 0xfe], [0xca, 0xfe, 0xba, 0xbe], '#!'];

const office: { type: AttachmentFileType; part: string }[] = [
  { type: { name: 'docx', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }, part: 'word/document.xml' },
  { type: { name: 'xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }, part: 'xl/workbook.xml' },
];

const refusals: Record<Refusal['reason'], Messages> = {
  EXECUTABLE: { zh: '这是可执行程序，不能作为附件上传（无论文件名是什么）', en: 'This is an executable program and cannot be attached, whatever its name' },
  NOT_OFFICE: { zh: '这个压缩文件不是 Word（.docx）或 Excel（.xlsx）文档', en: 'This zip archive is not a Word (.docx) or Excel (.xlsx) document' },
  MACROS: { zh: '含宏的 Word 或 Excel 文档不能上传，请另存为 .docx 或 .xlsx', en: 'Word or Excel documents with macros cannot be attached; save them as .docx or .xlsx' },
  UNKNOWN: {
    zh: '只能上传 PDF、图片（PNG、JPEG、GIF、WebP）、Word（.docx）或 Excel（.xlsx）文件',
    en: 'Only PDF, images (PNG, JPEG, GIF, WebP), Word (.docx) and Excel (.xlsx) files can be attached',
  },
};

const refused = (reason: Refusal['reason']): Refusal => ({ reason, messages: refusals[reason] });

/** [Content_Types].xml is a few kilobytes; more than this is read no further. */
const contentTypesCap = 256 * 1024;

function officeType(bytes: Buffer): AttachmentFileType | Refusal {
  let entries;
  try {
    entries = readZipDirectory(bytes).entries;
  } catch (error) {
    if (error instanceof ZipFormatError) return refused('NOT_OFFICE');
    throw error;
  }
  const names = new Set(entries.map((entry) => entry.name));
  const found = office.find(({ part }) => names.has(part));
  const contentTypes = entries.find((entry) => entry.name === '[Content_Types].xml');
  if (!found || !contentTypes) return refused('NOT_OFFICE');
  let declared: string;
  try {
    declared = entryText(bytes, contentTypes, contentTypesCap);
  } catch (error) {
    if (error instanceof ZipFormatError) return refused('NOT_OFFICE');
    throw error;
  }
  // A .docm or .xlsm (or one renamed .docx) carries its macros in vbaProject.bin and says so in its content types.
  if (entries.some((entry) => /(^|\/)vbaProject\.bin$/i.test(entry.name)) || /macroEnabled/i.test(declared)) return refused('MACROS');
  return found.type;
}

/** The file's type, or why it is refused. */
export function detectFileType(bytes: Buffer): AttachmentFileType | Refusal {
  const plain = signed.find(({ test }) => test(bytes));
  if (plain) return plain.type;
  if (executables.some((signature) => startsWith(bytes, 0, signature))) return refused('EXECUTABLE');
  if (startsWith(bytes, 0, 'PK\x03\x04')) return officeType(bytes);
  return refused('UNKNOWN');
}

export const isRefusal = (detected: AttachmentFileType | Refusal): detected is Refusal => 'reason' in detected;
