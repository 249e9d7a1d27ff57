/**
 * Saves the comparison or chart on screen as a named dashboard — private, or shared with every user — and
 * opens saved ones; the one open can be shared afterwards by its owner, and its link copied for a colleague.
 */
import { useEffect, useState } from 'react';
import { Button, Checkbox, Dialog, DialogActions, DialogContent, DialogTitle, FormControlLabel, Stack, TextField, Typography } from '@mui/material';
import { useCreate, useGetList, useNotify, useTranslate, useUpdate } from 'react-admin';
import { Picker } from './Picker';

type Props = { kind: 'COMPARISON' | 'CHART'; settings: object; current: string | null; onOpen: (id: string) => void };

export const DashboardActions = ({ kind, settings, current, onOpen }: Props) => {
  const translate = useTranslate();
  const notify = useNotify();
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const [create, { isPending }] = useCreate();
  const [update, { isPending: sharing }] = useUpdate();

  const { data: saved = [], refetch } = useGetList('Dashboard', {
    pagination: { page: 1, perPage: 100 },
    sort: { field: 'updatedAt', order: 'DESC' },
    filter: { kind },
  });
  useEffect(() => {
    if (naming) {
      setName('');
      setShared(false);
    }
  }, [naming]);
  const open = saved.find((dashboard) => String(dashboard.id) === current);
  const link = current ? `${window.location.origin}${window.location.pathname}#/analysis?dashboard=${current}` : '';
  const copyLink = () =>
    navigator.clipboard.writeText(link).then(
      () => notify('crc.analysis.linkCopied', { type: 'info', messageArgs: { link } }),
      () => notify('crc.analysis.linkNotCopied', { type: 'warning', messageArgs: { link } }),
    );
  const share = () =>
    update(
      'Dashboard',
      { id: open!.id, data: { shared: true }, previousData: open, meta: { version: open!.version } },
      {
        mutationMode: 'pessimistic',
        onSuccess: () => {
          notify('crc.analysis.nowShared', { type: 'info', messageArgs: { name: open!.name } });
          void refetch();
        },
        onError: (error) => notify(error.message, { type: 'error' }),
      },
    );
  const save = () =>
    create(
      'Dashboard',
      { data: { name: name.trim(), kind, settings, shared } },
      {
        mutationMode: 'pessimistic',
        onSuccess: (record) => {
          setNaming(false);
          notify('crc.analysis.saved', { type: 'info', messageArgs: { name: record.name } });
          void refetch();
          onOpen(String(record.id));
        },
        onError: (error) => notify((error as Error).message, { type: 'error' }),
      },
    );
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }} data-print="hide">
      <Picker
        label={translate('crc.analysis.openDashboard')}
        value={saved.some((dashboard) => String(dashboard.id) === current) ? current! : ''}
        onChange={onOpen}
        choices={saved.length ? saved.map((dashboard) => ({ value: String(dashboard.id), label: dashboard.name })) : [{ value: '', label: translate('crc.analysis.noDashboards'), disabled: true }]}
        minWidth={200}
        testId="open-dashboard"
      />
      {open && (
        <Button variant="text" onClick={() => void copyLink()} data-testid="copy-dashboard-link">
          {translate('crc.analysis.copyLink')}
        </Button>
      )}
      {/* Another's private dashboard is out of reach: an unshared one in the list is the user's own. */}
      {open && !open.shared && (
        <>
          <Typography variant="caption" color="text.secondary" data-testid="dashboard-private">
            {translate('crc.analysis.private')}
          </Typography>
          <Button variant="text" disabled={sharing} onClick={share} data-testid="share-dashboard">
            {translate('crc.analysis.share')}
          </Button>
        </>
      )}
      <Button variant="outlined" onClick={() => setNaming(true)} data-testid="save-dashboard">
        {translate('crc.analysis.saveDashboard')}
      </Button>
      <Dialog open={naming} onClose={() => setNaming(false)} fullWidth maxWidth="xs">
        <DialogTitle>{translate('crc.analysis.saveDashboard')}</DialogTitle>
        <DialogContent>
          <TextField
            autoFocus
            fullWidth
            margin="dense"
            label={translate('crc.analysis.dashboardName')}
            value={name}
            slotProps={{ htmlInput: { maxLength: 100 } }}
            onChange={(event) => setName(event.target.value)}
            data-testid="dashboard-name"
          />
          <FormControlLabel
            control={<Checkbox checked={shared} onChange={(event) => setShared(event.target.checked)} data-testid="dashboard-shared" />}
            label={translate('crc.analysis.shareWithAll')}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setNaming(false)}>{translate('ra.action.cancel')}</Button>
          <Button variant="contained" disabled={!name.trim() || isPending} onClick={save} data-testid="confirm-save-dashboard">
            {translate('ra.action.save')}
          </Button>
        </DialogActions>
      </Dialog>
    </Stack>
  );
};
