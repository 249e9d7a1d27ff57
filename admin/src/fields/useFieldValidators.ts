/** Stable validator arrays per field, so react-hook-form does not re-register inputs on each render. */
import { useMemo } from 'react';
import type { EntityMeta, FieldMeta } from '../metadata/types';
import { validatorsFor } from './validation';

export const useFieldValidators = (field: FieldMeta, entity: EntityMeta) => useMemo(() => validatorsFor(field, entity), [field, entity]);
