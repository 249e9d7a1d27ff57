/**
 * The generated edit screen. Saves are pessimistic and carry the version the user loaded; a CONFLICT
 * opens the conflict dialog instead of an error toast; input errors land on their fields.
 */
import { useState } from 'react';
import { Edit, useEditContext, useNotify, useRedirect, useUpdate, type RaRecord } from 'react-admin';
import { isConflict } from '../dataProvider/errors';
import type { EntityMeta } from '../metadata/types';
import { ConflictDialog, type ConflictState } from './ConflictDialog';
import { MetaForm } from './MetaForm';
import { useReturnTo } from './useReturnTo';

type UpdateVariables = { id: RaRecord['id']; data: Record<string, unknown>; previousData: RaRecord };
type Failure = { message?: string; body?: { errors?: unknown } };

/** Renders the dialog inside the edit context, where reloading and saving again are at hand. */
const Conflict = ({ entity, conflict, close, after }: { entity: EntityMeta; conflict: ConflictState; close: () => void; after: (data: RaRecord) => void }) => {
  const { refetch } = useEditContext();
  const [update] = useUpdate();
  const notify = useNotify();
  const overwrite = (current: RaRecord) =>
    update(
      entity.name,
      { id: conflict.loaded.id, data: conflict.data, previousData: conflict.loaded, meta: { version: current.version } },
      {
        mutationMode: 'pessimistic',
        onSuccess: (data) => {
          close();
          notify('ra.notification.updated', { type: 'info', messageArgs: { smart_count: 1 } });
          after(data as RaRecord);
        },
        onError: (error) => {
          close();
          notify((error as Failure).message ?? 'ra.notification.http_error', { type: 'error' });
        },
      },
    );
  const reload = () => {
    close();
    void refetch();
  };
  return <ConflictDialog entity={entity} conflict={conflict} onReload={reload} onOverwrite={overwrite} />;
};

export const MetaEdit = ({ entity }: { entity: EntityMeta }) => {
  const [conflict, setConflict] = useState<ConflictState | null>(null);
  const notify = useNotify();
  const redirect = useRedirect();
  const returnTo = useReturnTo();
  const after = (data: RaRecord) => (returnTo ? redirect(returnTo) : redirect('show', entity.name, data.id, data));
  const onError = (error: unknown, variables: unknown) => {
    const { data, previousData } = variables as UpdateVariables;
    if (isConflict(error)) return setConflict({ loaded: previousData, data });
    const failure = error as Failure;
    if (failure.body?.errors) return; // shown on the fields by the form
    notify(failure.message ?? 'ra.notification.http_error', { type: 'error' });
  };
  return (
    <Edit resource={entity.name} mutationMode="pessimistic" mutationOptions={{ onError }} redirect={returnTo ? () => returnTo : 'show'}>
      <MetaForm entity={entity} view="edit" />
      {conflict && <Conflict entity={entity} conflict={conflict} close={() => setConflict(null)} after={after} />}
    </Edit>
  );
};
