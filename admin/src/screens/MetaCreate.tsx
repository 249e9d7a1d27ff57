/** The generated create screen; opened from an embedded list it is prefilled and returns there. */
import { Create } from 'react-admin';
import type { EntityMeta } from '../metadata/types';
import { MetaForm } from './MetaForm';
import { useReturnTo } from './useReturnTo';

export const MetaCreate = ({ entity }: { entity: EntityMeta }) => {
  const returnTo = useReturnTo();
  return (
    <Create resource={entity.name} redirect={returnTo ? () => returnTo : 'show'}>
      <MetaForm entity={entity} view="create" />
    </Create>
  );
};
