/** Columns, values and filter inputs of an entity, each from the registry by field kind. */
import type { ReactElement } from 'react';
import { SearchInput } from 'react-admin';
import { registry } from '../fields/registry';
import { fieldsIn } from '../metadata/model';
import type { EntityMeta, FieldMeta } from '../metadata/types';

/** One value component for a field, usable as a Datagrid column or a show value. */
export function valueOf(field: FieldMeta): ReactElement {
  const { Field } = registry[field.kind];
  return <Field key={field.name} source={field.name} field={field} sortable={field.sortable} />;
}

/** The list's filter inputs: full-text search always shown, the rest (those the user may filter by) added from the filter menu. */
export function filterElements(entity: EntityMeta): ReactElement[] {
  const fields = fieldsIn(entity, 'filter').filter((field) => field.filterable);
  const ranged = new Set(['int', 'decimal', 'money', 'date', 'datetime']);
  return [
    <SearchInput key="q" source="q" alwaysOn />,
    ...fields.map((field) => {
      const { Filter } = registry[field.kind];
      return <Filter key={field.name} source={field.name} field={field} entity={entity} defaultValue={ranged.has(field.kind) ? {} : undefined} />;
    }),
  ];
}
