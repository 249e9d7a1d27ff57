/**
 * The confirmation before a soft delete, with an optional reason the server keeps on the record
 * (`deletedReason`), limited to that field's length as the model declares it, and what the delete will do
 * to the records pointing at these (server/api/deletion.ts): refused while some may not lose them (the
 * confirm button then stays disabled), or which it deletes with them and which references it clears.
 */
import { useEffect, useState, type MouseEvent } from 'react';
import ActionCheck from '@mui/icons-material/CheckCircle';
import AlertError from '@mui/icons-material/ErrorOutlineOutlined';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, TextField } from '@mui/material';
import { useTranslate, type Identifier } from 'react-admin';
import { useLanguage } from '../fields/useLanguage';
import { useModel } from '../metadata/ModelContext';
import { labelOf } from '../metadata/model';
import { useDeletionEffects, type DeletionEffect } from './useDeletionEffects';

type Props = {
  open: boolean;
  /** The entity deleted from: its `deletedReason` field gives the length limit. */
  entityName: string;
  /** The records to delete, whose dependents the dialog lists. */
  ids: readonly Identifier[];
  title: string;
  content: string;
  pending: boolean;
  /** The trimmed reason, or null when none was given. */
  onConfirm: (reason: string | null) => void;
  onClose: () => void;
};

const stop = (event: MouseEvent) => event.stopPropagation();

const severity = { REFUSE: 'error', CASCADE: 'warning', CLEAR: 'info' } as const;

export const DeleteReasonDialog = ({ open, entityName, ids, title, content, pending, onConfirm, onClose }: Props) => {
  const translate = useTranslate();
  const model = useModel();
  const language = useLanguage();
  const effects = useDeletionEffects(open, entityName, ids);
  const refused = effects?.some((effect) => effect.rule === 'REFUSE') ?? false;
  const describe = (effect: DeletionEffect) => {
    const entity = model.find(effect.entity);
    const field = entity?.fields.find((candidate) => candidate.name === effect.field);
    const args = { count: effect.count, entity: entity ? labelOf(entity, language) : effect.entity, field: field ? labelOf(field, language) : effect.field };
    const text = translate(`crc.delete.effect.${effect.rule}`, args);
    return effect.depth > 0 ? `${text}${translate('crc.delete.effect.through')}` : text;
  };
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
        {effects?.map((effect) => (
          <Alert key={`${effect.entity}.${effect.field}.${effect.depth}`} severity={severity[effect.rule]} sx={{ mb: 1 }} data-testid={`delete-effect-${effect.rule}`}>
            {describe(effect)}
          </Alert>
        ))}
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
        <Button disabled={pending || tooLong || refused} onClick={() => onConfirm(trimmed || null)} startIcon={<ActionCheck />} color="error">
          {translate('ra.action.confirm')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
