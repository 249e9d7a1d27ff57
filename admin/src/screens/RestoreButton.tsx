/** Restores a soft-deleted record (sending its version); shown only on deleted records, to users who may restore them. */
import { useState } from 'react';
import RestoreFromTrash from '@mui/icons-material/RestoreFromTrash';
import { Button, useDataProvider, useNotify, useRecordContext, useRefresh, useResourceContext } from 'react-admin';
import type { ConsoleDataProvider } from '../dataProvider/buildDataProvider';
import { useModel } from '../metadata/ModelContext';

export const RestoreButton = (_props: { label?: string }) => {
  const record = useRecordContext();
  const resource = useResourceContext();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const model = useModel();
  const [pending, setPending] = useState(false);
  if (!record?.deletedAt || !resource || !model.find(resource)?.operations.includes('restore')) return null;
  const restore = () => {
    setPending(true);
    dataProvider
      .restore(resource, { id: record.id, previousData: record })
      .then(() => {
        notify('crc.deleted.restored', { type: 'info' });
        refresh();
      })
      .catch((error: Error) => notify(error.message, { type: 'error' }))
      .finally(() => setPending(false));
  };
  return (
    <Button
      label="crc.deleted.restore"
      disabled={pending}
      onClick={(event) => {
        event.stopPropagation();
        restore();
      }}
    >
      <RestoreFromTrash />
    </Button>
  );
};
