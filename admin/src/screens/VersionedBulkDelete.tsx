/**
 * Bulk soft delete with an optional reason, sending each selected record's version. The server deletes
 * all or nothing, so one record changed meanwhile refuses the whole batch: the list is then refreshed
 * and the user told why nothing was deleted.
 */
import { useMemo, useState } from 'react';
import ActionDelete from '@mui/icons-material/Delete';
import { Button, useDeleteMany, useListContext, useNotify, useRefresh, useResourceContext, useTranslate } from 'react-admin';
import { isConflict } from '../dataProvider/errors';
import { DeleteReasonDialog } from './DeleteReasonDialog';

export const VersionedBulkDelete = () => {
  const { data = [], selectedIds, filterValues, onUnselectItems } = useListContext();
  const resource = useResourceContext();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [deleteMany, { isPending }] = useDeleteMany();
  const [open, setOpen] = useState(false);
  const items = useMemo(() => data.filter((record) => selectedIds.includes(record.id)).map((record) => ({ id: record.id, version: record.version as number })), [data, selectedIds]);
  if (filterValues.deleted || !resource) return null;
  const count = selectedIds.length;
  const name = translate(`resources.${resource}.name`, { smart_count: count, _: resource });

  const remove = (reason: string | null) =>
    deleteMany(
      resource,
      { ids: selectedIds, meta: { items, reason } },
      {
        mutationMode: 'pessimistic',
        onSuccess: () => {
          setOpen(false);
          notify('ra.notification.deleted', { type: 'info', messageArgs: { smart_count: count } });
          onUnselectItems(true);
        },
        onError: (error) => {
          setOpen(false);
          if (isConflict(error)) notify('crc.delete.bulkConflict', { type: 'warning', autoHideDuration: 10_000 });
          else notify((error as Error)?.message || 'ra.notification.http_error', { type: 'error' });
          refresh();
        },
      },
    );

  return (
    <>
      <Button label="ra.action.delete" color="error" onClick={() => setOpen(true)}>
        <ActionDelete />
      </Button>
      <DeleteReasonDialog
        open={open}
        entityName={resource}
        ids={selectedIds}
        title={translate('ra.message.bulk_delete_title', { smart_count: count, name })}
        content={translate('ra.message.bulk_delete_content', { smart_count: count, name })}
        pending={isPending}
        onConfirm={remove}
        onClose={() => setOpen(false)}
      />
    </>
  );
};
