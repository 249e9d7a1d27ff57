/**
 * The demo's answer letters (issue 21: "the signed answer letter as an attachment"): one small PDF per answer
 * of the suggestions whose history the demo tells (镇平县's key-supervised ones). The description is a row of
 * the data set like any; the bytes are made from its file name alone, so the loader stores them after the
 * rows are in (`storeAnswerLetters`) and they match the size and digest recorded — no randomness is drawn.
 */
import crypto from 'node:crypto';
import type pg from 'pg';
import type { World } from './world.js';

/** A one-page PDF naming the letter (its name URI-encoded: the page is ASCII, as a minimal PDF's text must be). */
export function answerLetterBytes(fileName: string): Buffer {
  return Buffer.from(
    `%PDF-1.4\n% ${encodeURIComponent(fileName)}\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n`,
    'latin1',
  );
}

/** Adds the answer letter of a handling's answer, as its lead unit would have attached it. */
export function addAnswerLetter(world: World, letter: { suggestionId: number; handlingId: number; number: string; on: string; by: string }): void {
  const fileName = `关于${letter.number}建议的答复函（${letter.on}）.pdf`;
  const bytes = answerLetterBytes(fileName);
  world.data.add('attachment', {
    suggestion_id: letter.suggestionId,
    handling_id: letter.handlingId,
    file_name: fileName,
    content_type: 'application/pdf',
    size: bytes.length,
    sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
    uploaded_by: letter.by,
  });
}

/** The bytes of every attachment loaded without them (the demo's letters), in the loading transaction. */
export async function storeAnswerLetters(client: pg.ClientBase): Promise<void> {
  const { rows } = await client.query<{ id: string; file_name: string }>(
    `select a.id::text as id, a.file_name from attachment a where not exists (select 1 from attachment_content c where c.attachment_id = a.id)`,
  );
  for (const row of rows) await client.query(`insert into attachment_content (attachment_id, bytes) values ($1, $2)`, [row.id, answerLetterBytes(row.file_name)]);
}
