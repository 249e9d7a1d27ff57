/**
 * The generated form: one input per writable field of the view, from the registry by kind, then any
 * inputs the entity needs beyond its fields (a new user's password), laid out alike.
 */
import type { ReactNode } from 'react';
import { Box } from '@mui/material';
import { SaveButton, SimpleForm, Toolbar } from 'react-admin';
import { registry } from '../fields/registry';
import { formFields } from '../metadata/model';
import type { EntityMeta } from '../metadata/types';
import { DeleteWithReasonButton } from './DeleteWithReasonButton';

const FormToolbar = ({ entity, view }: { entity: EntityMeta; view: 'create' | 'edit' }) => (
  <Toolbar sx={{ justifyContent: 'space-between' }}>
    <SaveButton />
    {view === 'edit' && entity.operations.includes('delete') && <DeleteWithReasonButton />}
  </Toolbar>
);

/** Wide inputs (long text, JSON) take a whole row; the rest flow in columns. */
const wide = new Set(['longText', 'json']);

export const MetaForm = ({ entity, view, children }: { entity: EntityMeta; view: 'create' | 'edit'; children?: ReactNode }) => {
  const fields = formFields(entity, view);
  return (
    <SimpleForm toolbar={<FormToolbar entity={entity} view={view} />} warnWhenUnsavedChanges={view === 'edit'}>
      <Box
        sx={{
          display: 'grid',
          gridTemplateColumns: 'repeat(auto-fill, minmax(280px, 1fr))',
          columnGap: 2,
          width: '100%',
          '& .MuiFormControl-root, & .MuiAutocomplete-root': { width: '100%', minWidth: 0 },
        }}
      >
        {fields.map((field) => {
          const { Input } = registry[field.kind];
          return (
            <Box key={field.name} sx={wide.has(field.kind) ? { gridColumn: '1 / -1' } : undefined} data-field={field.name}>
              <Input field={field} entity={entity} />
            </Box>
          );
        })}
        {children}
      </Box>
    </SimpleForm>
  );
};
