/**
 * The generated create screen; opened from an embedded list it is prefilled and returns there. `children`:
 * inputs beyond the entity's fields, for a create mutation that takes more than its input.
 */
import type { ReactNode } from 'react';
import { Create } from 'react-admin';
import type { EntityMeta } from '../metadata/types';
import { MetaForm } from './MetaForm';
import { useReturnTo } from './useReturnTo';

export const MetaCreate = ({ entity, children }: { entity: EntityMeta; children?: ReactNode }) => {
  const returnTo = useReturnTo();
  return (
    <Create resource={entity.name} redirect={returnTo ? () => returnTo : 'show'}>
      <MetaForm entity={entity} view="create">
        {children}
      </MetaForm>
    </Create>
  );
};
