/**
 * Soft-deletes the record in context after a confirmation asking for an optional reason. The delete
 * carries the version the user loaded, so a record saved meanwhile meets CONFLICT: the conflict dialog
 * then shows what changed, to reload or to delete the new version anyway.
 */
import { useState, type MouseEvent } from 'react';
import ActionDelete from '@mui/icons-material/Delete';
import { useFormContext } from 'react-hook-form';
import { Button, useDelete, useNotify, useRecordContext, useRedirect, useRefresh, useResourceContext, useTranslate, useUnselect, type RaRecord } from 'react-admin';
import { isConflict } from '../dataProvider/errors';
import { useModel } from '../metadata/ModelContext';
import { recordTitle } from '../metadata/model';
import { ConflictDialog } from './ConflictDialog';
import { DeleteReasonDialog } from './DeleteReasonDialog';

type Props = {
  /** 'list' on show and edit pages; false in an embedded list, which stays and refreshes. */
  redirect?: 'list' | false;
  label?: string;
};

/** The record as the user saw it when the delete was refused, and the reason they gave. */
type Refused = { loaded: RaRecord; reason: string | null };

export const DeleteWithReasonButton = ({ redirect: redirectTo = 'list', label = 'ra.action.delete' }: Props) => {
  const record = useRecordContext();
  const resource = useResourceContext();
  const model = useModel();
  const translate = useTranslate();
  const notify = useNotify();
  const redirect = useRedirect();
  const refresh = useRefresh();
  const unselect = useUnselect(resource);
  // Null outside a form; on an edit page its dirty state must not block the redirect after deleting.
  const form = useFormContext() as ReturnType<typeof useFormContext> | null;
  const [deleteOne, { isPending }] = useDelete();
  const [open, setOpen] = useState(false);
  const [refused, setRefused] = useState<Refused | null>(null);
  if (!record || !resource) return null;
  const entity = model.entity(resource);

  const remove = (loaded: RaRecord, version: number, reason: string | null) =>
    deleteOne(
      resource,
      { id: loaded.id, previousData: loaded, meta: { version, reason } },
      {
        mutationMode: 'pessimistic',
        onSuccess: () => {
          setOpen(false);
          setRefused(null);
          notify('ra.notification.deleted', { type: 'info', messageArgs: { smart_count: 1 } });
          unselect([loaded.id], true);
          if (redirectTo === false) return refresh();
          form?.reset(undefined, { keepValues: true });
          redirect(redirectTo, resource);
        },
        onError: (error) => {
          setOpen(false);
          // A second conflict while deleting anyway is reported, not looped through the dialog again.
          if (isConflict(error) && !refused) return setRefused({ loaded, reason });
          setRefused(null);
          notify((error as Error)?.message || 'ra.notification.http_error', { type: 'error' });
        },
      },
    );

  const name = translate(`resources.${resource}.name`, { smart_count: 1, _: entity.labelZh });
  const recordRepresentation = recordTitle(model, entity.name, record);
  return (
    <>
      <Button
        label={label}
        color="error"
        onClick={(event: MouseEvent) => {
          event.stopPropagation();
          setOpen(true);
        }}
      >
        <ActionDelete />
      </Button>
      <DeleteReasonDialog
        open={open}
        entityName={entity.name}
        ids={[record.id]}
        title={translate('ra.message.delete_title', { name, recordRepresentation })}
        content={translate('ra.message.delete_content', { name, recordRepresentation })}
        pending={isPending}
        onConfirm={(reason) => remove(record, record.version as number, reason)}
        onClose={() => setOpen(false)}
      />
      {refused && (
        <ConflictDialog
          entity={entity}
          conflict={{ loaded: refused.loaded, data: {} }}
          reloadLabel="crc.delete.reload"
          overwriteLabel="crc.delete.anyway"
          onReload={() => {
            setRefused(null);
            refresh();
          }}
          onOverwrite={(current) => remove(refused.loaded, current.version as number, refused.reason)}
        />
      )}
    </>
  );
};
