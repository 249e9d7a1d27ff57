import { BaseRecord } from '../model/base-record.js';
import { IntField, Reference, TextField } from '../model/fields.js';
import { Model } from '../model/model.js';
import { SuggestionHandling } from './suggestion-handling.entity.js';
import { Suggestion } from './suggestion.entity.js';

/**
 * A file kept with a suggestion (the signed answer letter, a scanned form): what it is, never its bytes. The
 * bytes lie in a table of their own (`attachment_content`, migration …_attachments) that no list reads; they
 * come in and go out only through `/attachments` (server/attachments/), which checks what they are by content.
 * Its reach is its suggestion's: whoever reads the suggestion reads its attachments' descriptions.
 */
@Model({
  name: 'Attachment',
  singular: 'attachment',
  plural: 'attachments',
  labelZh: '附件',
  labelEn: 'Attachment',
  description: '代表建议的附件：答复函、扫描件（PDF、图片、Word、Excel）/ Files kept with a suggestion: answer letters, scanned forms (PDF, images, Word, Excel)',
  icon: 'AttachFile',
  area: 'suggestions',
  inMenu: false,
  titleField: 'fileName',
  searchFields: ['fileName'],
  defaultSort: [{ field: 'createdAt', direction: 'DESC' }],
  // Uploaded and downloaded over HTTP only (server/attachments/attachment.routes.ts): the API lists and reads descriptions.
  operations: ['list', 'read', 'aggregate'],
  regionPaths: ['suggestion.region'],
  // Whoever of a handling unit reads the suggestion reads what is attached to it (the same path as Suggestion's).
  organisationPaths: ['suggestion.handlings.organisation'],
})
export class Attachment extends BaseRecord {
  @Reference(() => Suggestion, { onDelete: 'CASCADE', labelZh: '代表建议', labelEn: 'Suggestion', required: true })
  suggestion!: Suggestion;

  @Reference(() => SuggestionHandling, {
    onDelete: 'CASCADE',
    labelZh: '承办',
    labelEn: 'Handling',
    readOnly: true,
    description: '答复函等属于某一承办的附件 / Set when the file belongs to one handling (its answer letter)',
  })
  handling?: SuggestionHandling | null;

  @TextField({ labelZh: '文件名', labelEn: 'File name', required: true, readOnly: true, maxLength: 255 })
  fileName!: string;

  @TextField({ labelZh: '文件类型', labelEn: 'Content type', required: true, readOnly: true, maxLength: 100, description: '按文件内容识别，而非文件名 / Detected from the content, not the name' })
  contentType!: string;

  @IntField({ labelZh: '大小（字节）', labelEn: 'Size (bytes)', required: true, readOnly: true, min: 1 })
  size!: number;

  @TextField({ labelZh: '校验值（SHA-256）', labelEn: 'SHA-256 digest', required: true, readOnly: true, maxLength: 64, views: ['show'] })
  sha256!: string;

  @TextField({ labelZh: '上传人', labelEn: 'Uploaded by', required: true, readOnly: true, maxLength: 120 })
  uploadedBy!: string;
}
