/** Saves the comparison or chart on screen as a named dashboard, and opens saved ones (each also by its link). */
import { useEffect, useState } from 'react';
import { Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField } from '@mui/material';
import { useCreate, useGetList, useNotify, useTranslate } from 'react-admin';
import { Picker } from './Picker';

type Props = { kind: 'COMPARISON' | 'CHART'; settings: object; current: string | null; onOpen: (id: string) => void };

export const DashboardActions = ({ kind, settings, current, onOpen }: Props) => {
  const translate = useTranslate();
  const notify = useNotify();
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const [create, { isPending }] = useCreate();
  const { data: saved = [], refetch } = useGetList('Dashboard', {
    pagination: { page: 1, perPage: 100 },
    sort: { field: 'updatedAt', order: 'DESC' },
    filter: { kind },
  });
  useEffect(() => {
    if (naming) setName('');
  }, [naming]);
  const save = () =>
    create(
      'Dashboard',
      { data: { name: name.trim(), kind, settings } },
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
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
      <Picker
        label={translate('crc.analysis.openDashboard')}
        value={saved.some((dashboard) => String(dashboard.id) === current) ? current! : ''}
        onChange={onOpen}
        choices={
          saved.length
            ? saved.map((dashboard) => ({ value: String(dashboard.id), label: dashboard.name }))
            : [{ value: '', label: translate('crc.analysis.noDashboards'), disabled: true }]
        }
        minWidth={200}
        testId="open-dashboard"
      />
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
