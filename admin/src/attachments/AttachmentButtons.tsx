/**
 * The buttons an attachments list adds (screens/EmbeddedList.tsx): upload, on a suggestion for the secretariat
 * and on a handling for the secretariat and the unit's staff (the server checks which unit), and a download on
 * each row. The server decides what anyone may do; the console only leaves out what it would refuse.
 */
import { useRef, useState, type ChangeEvent, type MouseEvent } from 'react';
import DownloadIcon from '@mui/icons-material/Download';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import { Button, useNotify, usePermissions, useRecordContext, useRefresh } from 'react-admin';
import { workflowParties } from '../../../schema/shared/suggestion-workflow';
import { useLanguage } from '../fields/useLanguage';
import { acceptLanguageOf } from '../i18n/i18nProvider';
import type { Viewer } from '../metadata/types';
import { downloadAttachment, uploadAttachment, type AttachmentTarget } from './attachmentApi';

/** The accepted types, as the file picker's hint (the server checks the bytes whatever the picker lets through). */
const accepted = '.pdf,.png,.jpg,.jpeg,.gif,.webp,.docx,.xlsx,application/pdf,image/*';

/** Who may attach to what, from the workflow's parties: the secretariat anywhere in reach, a unit's staff on handlings. */
function mayUpload(viewer: Viewer | undefined, on: 'suggestion' | 'handling'): boolean {
  if (!viewer) return false;
  return workflowParties.secretariat.roles.includes(viewer.role) || (on === 'handling' && workflowParties.handler.roles.includes(viewer.role));
}

/**
 * `on`: what the page shows (its record is the target); `target`: another record named by id instead (a unit's
 * answer letter, sent to its handling from the suggestion's page); `label`: what the button says.
 */
export const AttachmentUploadButton = ({ on, target: given, label = 'crc.attachments.upload' }: { on: 'suggestion' | 'handling'; target?: AttachmentTarget; label?: string }) => {
  const record = useRecordContext();
  const { permissions } = usePermissions<Viewer>();
  const language = useLanguage();
  const notify = useNotify();
  const refresh = useRefresh();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  if (!record || !mayUpload(permissions, on)) return null;
  const target: AttachmentTarget = given ?? (on === 'suggestion' ? { suggestionId: String(record.id) } : { handlingId: String(record.id) });
  const chosen = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setBusy(true);
    try {
      await uploadAttachment(target, file, acceptLanguageOf[language]);
      notify('crc.attachments.uploaded', { type: 'success', messageArgs: { name: file.name } });
      refresh();
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <input ref={input} type="file" accept={accepted} hidden onChange={chosen} data-testid="attachment-file" />
      <Button label={label} disabled={busy} onClick={() => input.current?.click()}>
        <UploadFileIcon />
      </Button>
    </>
  );
};

export const AttachmentDownloadButton = () => {
  const record = useRecordContext();
  const language = useLanguage();
  const notify = useNotify();
  if (!record) return null;
  const download = (event: MouseEvent) => {
    event.stopPropagation();
    downloadAttachment(String(record.id), String(record.fileName), acceptLanguageOf[language]).catch((error: Error) => notify(error.message, { type: 'error' }));
  };
  return (
    <Button label="crc.attachments.download" onClick={download}>
      <DownloadIcon />
    </Button>
  );
};
