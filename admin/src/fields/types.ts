/** The props every kind's components take: the registry's contract. */
import type { ComponentType } from 'react';
import type { EntityMeta, FieldMeta } from '../metadata/types';

/** A column or show value: `source` and `sortable` are read by react-admin's Datagrid for the header. */
export type KindFieldProps = { field: FieldMeta; source: string; label?: string; sortable?: boolean };
/** A form input for a field the view edits. */
export type KindInputProps = { field: FieldMeta; entity: EntityMeta };
/** A filter-form input; react-admin's filter form reads `source` and `alwaysOn` and adds the rest. */
export type KindFilterProps = {
  field: FieldMeta;
  entity: EntityMeta;
  source: string;
  alwaysOn?: boolean;
  defaultValue?: unknown;
  size?: 'small' | 'medium';
  helperText?: false;
  resource?: string;
};

export type KindComponents = {
  Field: ComponentType<KindFieldProps>;
  Input: ComponentType<KindInputProps>;
  Filter: ComponentType<KindFilterProps>;
};
