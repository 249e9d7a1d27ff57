/** References: a link named by the target's title; autocompletes that search the target's `q`. */
import { useCallback, useMemo, type MouseEvent } from 'react';
import { AutocompleteInput, Link, ReferenceInput, useCreatePath, useRecordContext } from 'react-admin';
import { useModel } from '../metadata/ModelContext';
import { recordTitle, sourceOf } from '../metadata/model';
import type { FieldMeta } from '../metadata/types';
import type { KindComponents, KindFieldProps, KindFilterProps, KindInputProps } from './types';
import { useFieldValidators } from './useFieldValidators';

const targetOf = (field: FieldMeta) => field.reference?.entity ?? '';

/** The referenced record's title as a link to its page; the record arrives embedded in the query. */
const ReferenceValue = ({ source, field }: KindFieldProps) => {
  const record = useRecordContext();
  const model = useModel();
  const createPath = useCreatePath();
  const target = record?.[source] as { id?: string } | null | undefined;
  if (!target?.id) return null;
  const to = createPath({ resource: targetOf(field), id: target.id, type: 'show' });
  return (
    <Link to={to} onClick={(event: MouseEvent) => event.stopPropagation()}>
      {recordTitle(model, targetOf(field), target)}
    </Link>
  );
};

/** The autocomplete's props: options named by title, typed text sent as the target's full-text `q`. */
function useAutocomplete(field: FieldMeta) {
  const model = useModel();
  const target = targetOf(field);
  const optionText = useCallback((choice: unknown) => recordTitle(model, target, choice), [model, target]);
  const filterToQuery = useCallback((text: string) => (text ? { q: text } : {}), []);
  const sort = useMemo(() => {
    const first = model.find(target)?.defaultSort[0];
    return first ? { field: first.field, order: first.direction } : undefined;
  }, [model, target]);
  return { target, optionText, filterToQuery, sort };
}

const ReferenceFormInput = ({ field, entity }: KindInputProps) => {
  const validate = useFieldValidators(field, entity);
  const { target, optionText, filterToQuery, sort } = useAutocomplete(field);
  return (
    <ReferenceInput source={sourceOf(field)} reference={target} sort={sort} perPage={20}>
      <AutocompleteInput optionText={optionText} inputText={optionText} filterToQuery={filterToQuery} validate={validate} sx={{ minWidth: 260 }} />
    </ReferenceInput>
  );
};

const ReferenceFilter = ({ source, field, size, helperText, resource }: KindFilterProps) => {
  const { target, optionText, filterToQuery, sort } = useAutocomplete(field);
  return (
    <ReferenceInput source={source} reference={target} sort={sort} perPage={20}>
      <AutocompleteInput
        optionText={optionText}
        inputText={optionText}
        filterToQuery={filterToQuery}
        size={size}
        helperText={helperText}
        label={`resources.${resource}.fields.${field.name}`}
        sx={{ minWidth: 220 }}
      />
    </ReferenceInput>
  );
};

export const referenceKind: KindComponents = { Field: ReferenceValue, Input: ReferenceFormInput, Filter: ReferenceFilter };
