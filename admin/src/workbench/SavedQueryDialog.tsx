/** The name, description and sharing of a saved query: asked when saving a new one, and when renaming one's own. */
import { useEffect, useState } from 'react';
import { Button, Checkbox, Dialog, DialogActions, DialogContent, DialogTitle, FormControlLabel, TextField } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { SavedQueryDetails } from './savedQueries';

/** The model's limits (schema/entities/saved-query.entity.ts). */
const maxName = 100;
const maxDescription = 2000;

type Props = {
  /** Whether the dialog shows, and what it starts from. */
  initial: SavedQueryDetails | null;
  title: string;
  pending: boolean;
  onSubmit: (details: SavedQueryDetails) => void;
  onClose: () => void;
};

export const SavedQueryDialog = ({ initial, title, pending, onSubmit, onClose }: Props) => {
  const translate = useTranslate();
  const [details, setDetails] = useState<SavedQueryDetails>({ name: '', description: '', shared: false });
  useEffect(() => {
    if (initial) setDetails(initial);
  }, [initial]);
  const change = (next: Partial<SavedQueryDetails>) => setDetails((current) => ({ ...current, ...next }));
  const name = details.name.trim();
  return (
    <Dialog open={initial !== null} onClose={onClose} fullWidth maxWidth="sm">
      <DialogTitle>{title}</DialogTitle>
      <DialogContent>
        <TextField
          autoFocus
          fullWidth
          margin="dense"
          label={translate('crc.workbench.dialog.name')}
          value={details.name}
          slotProps={{ htmlInput: { maxLength: maxName } }}
          onChange={(event) => change({ name: event.target.value })}
          data-testid="saved-query-name"
        />
        <TextField
          fullWidth
          multiline
          minRows={2}
          margin="dense"
          label={translate('crc.workbench.dialog.description')}
          value={details.description}
          slotProps={{ htmlInput: { maxLength: maxDescription } }}
          onChange={(event) => change({ description: event.target.value })}
          data-testid="saved-query-description"
        />
        <FormControlLabel
          control={<Checkbox checked={details.shared} onChange={(event) => change({ shared: event.target.checked })} data-testid="saved-query-shared" />}
          label={translate('crc.workbench.dialog.shared')}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
        <Button variant="contained" disabled={!name || pending} onClick={() => onSubmit({ ...details, name, description: details.description.trim() })} data-testid="saved-query-submit">
          {translate('ra.action.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
