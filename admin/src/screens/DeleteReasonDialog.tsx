/**
 * The confirmation before a soft delete, with an optional reason the server keeps on the record
 * (`deletedReason`), limited to that field's length as the model declares it.
 */
import { useEffect, useState, type MouseEvent } from 'react';
import ActionCheck from '@mui/icons-material/CheckCircle';
import AlertError from '@mui/icons-material/ErrorOutlineOutlined';
import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, TextField } from '@mui/material';
import { useTranslate } from 'react-admin';
import { useModel } from '../metadata/ModelContext';

type Props = {
  open: boolean;
  /** The entity deleted from: its `deletedReason` field gives the length limit. */
  entityName: string;
  title: string;
  content: string;
  pending: boolean;
  /** The trimmed reason, or null when none was given. */
  onConfirm: (reason: string | null) => void;
  onClose: () => void;
};

const stop = (event: MouseEvent) => event.stopPropagation();

export const DeleteReasonDialog = ({ open, entityName, title, content, pending, onConfirm, onClose }: Props) => {
  const translate = useTranslate();
  const model = useModel();
  const max = model.find(entityName)?.fields.find((field) => field.name === 'deletedReason')?.maxLength ?? null;
  const [reason, setReason] = useState('');
  useEffect(() => {
    if (open) setReason('');
  }, [open]);
  const trimmed = reason.trim();
  // Characters, not UTF-16 units, as the server counts them.
  const count = [...trimmed].length;
  const tooLong = max !== null && count > max;
  const help = max === null ? undefined : translate(tooLong ? 'crc.delete.reasonTooLong' : 'crc.delete.reasonHelp', { max, count });
  return (
    // Stops clicks here from reaching a clickable row behind (embedded lists open the row on click).
    <Dialog open={open} onClose={pending ? undefined : onClose} onClick={stop} maxWidth="sm" fullWidth aria-labelledby="delete-reason-title" data-testid="delete-dialog">
      <DialogTitle id="delete-reason-title">{title}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>{content}</DialogContentText>
        <TextField
          label={translate('crc.delete.reason')}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          multiline
          minRows={2}
          fullWidth
          autoFocus
          error={tooLong}
          helperText={help}
          disabled={pending}
          slotProps={{ htmlInput: { 'data-testid': 'delete-reason' } }}
        />
      </DialogContent>
      <DialogActions>
        <Button disabled={pending} onClick={onClose} startIcon={<AlertError />}>
          {translate('ra.action.cancel')}
        </Button>
        <Button disabled={pending || tooLong} onClick={() => onConfirm(trimmed || null)} startIcon={<ActionCheck />} color="error">
          {translate('ra.action.confirm')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
