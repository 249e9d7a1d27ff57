/** References: a link named by the target's title; autocompletes that search the target's `q` and fetch only what they show. */
import { useCallback, useMemo, type MouseEvent } from 'react';
import { AutocompleteInput, Link, ReferenceInput, useCreatePath, useRecordContext, useTranslate, type Validator } from 'react-admin';
import { useModel } from '../metadata/ModelContext';
import { recordTitle, sourceOf } from '../metadata/model';
import type { FieldMeta } from '../metadata/types';
import type { KindComponents, KindFieldProps, KindFilterProps, KindInputProps } from './types';
import { significantPrefix } from '../../../schema/shared/validators';
import { pickerDetail } from './pickerDetail';
import { plainValue } from './plainValue';
import { RegionSubtreeFilter } from './RegionSubtreeFilter';
import { useFieldValidators } from './useFieldValidators';
import { useLanguage } from './useLanguage';

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

/** A picker fetches only what it shows (the title and the model's pickerFields: dataProvider/selection.ts). */
const pickerQuery = { meta: { picker: true } };

/**
 * The autocomplete's props: options named by title with the details that tell them apart (王建 · 灵台县 · 男),
 * the chosen one by its title alone, typed text sent as the target's full-text `q`.
 */
function useAutocomplete(target: string) {
  const model = useModel();
  const language = useLanguage();
  const translate = useTranslate();
  const inputText = useCallback((choice: unknown) => recordTitle(model, target, choice), [model, target]);
  const optionText = useCallback(
    (choice: unknown) => {
      const entity = model.find(target);
      const record = (choice ?? {}) as Record<string, unknown>;
      const details = (entity?.pickerFields ?? [])
        .map((name) => entity?.fields.find((candidate) => candidate.name === name))
        .map((detail) => (detail && entity ? pickerDetail(entity, detail, plainValue(model, detail, record[detail.name], language, translate), language) : ''))
        .filter(Boolean);
      return [recordTitle(model, target, choice), ...details].join(' · ');
    },
    [model, target, language, translate],
  );
  const filterToQuery = useCallback((text: string) => (text ? { q: text } : {}), []);
  const sort = useMemo(() => {
    const first = model.find(target)?.defaultSort[0];
    return first ? { field: first.field, order: first.direction } : undefined;
  }, [model, target]);
  return { target, optionText, inputText, filterToQuery, sort };
}

/**
 * A user bounded to a region writes only within it: a region picker in a form offers that region's subtree
 * (灵台县 and its townships, not 284 regions), and a record's own `region` starts as the user's region.
 */
function useRegionBounds(field: FieldMeta) {
  const model = useModel();
  const region = model.viewer.region;
  if (targetOf(field) !== 'Region' || !region) return { filter: undefined, defaultValue: undefined };
  return { filter: { code: { startsWith: significantPrefix(region.code) } }, defaultValue: field.name === 'region' ? region.id : undefined };
}

const ReferenceFormInput = ({ field, entity }: KindInputProps) => {
  const validate = useFieldValidators(field, entity);
  const bounds = useRegionBounds(field);
  return <ReferencePicker source={sourceOf(field)} target={targetOf(field)} validate={validate} filter={bounds.filter} defaultValue={bounds.defaultValue} />;
};

type PickerProps = { source: string; target: string; label?: string; validate?: Validator | Validator[]; filter?: Record<string, unknown>; defaultValue?: unknown };

/** An autocomplete of `target`'s records, searched by their `q` and named by title and details: a form's reference, or any input naming a record by id. */
export const ReferencePicker = ({ source, target, label, validate, filter, defaultValue }: PickerProps) => {
  const translate = useTranslate();
  const { optionText, inputText, filterToQuery, sort } = useAutocomplete(target);
  return (
    <ReferenceInput source={source} reference={target} sort={sort} perPage={20} queryOptions={pickerQuery} filter={filter}>
      <AutocompleteInput
        label={label}
        optionText={optionText}
        inputText={inputText}
        filterToQuery={filterToQuery}
        validate={validate}
        defaultValue={defaultValue}
        noOptionsText={translate('crc.picker.none')}
        sx={{ minWidth: 260 }}
      />
    </ReferenceInput>
  );
};

const RecordFilter = ({ source, field, size, helperText, resource }: KindFilterProps) => {
  const translate = useTranslate();
  const target = targetOf(field);
  const { optionText, inputText, filterToQuery, sort } = useAutocomplete(target);
  return (
    <ReferenceInput source={source} reference={target} sort={sort} perPage={20} queryOptions={pickerQuery}>
      <AutocompleteInput
        optionText={optionText}
        inputText={inputText}
        filterToQuery={filterToQuery}
        size={size}
        helperText={helperText}
        label={`resources.${resource}.fields.${field.name}`}
        noOptionsText={translate('crc.picker.none')}
        sx={{ minWidth: 220 }}
      />
    </ReferenceInput>
  );
};

/** A reference filter: a region's takes its subtree (RegionSubtreeFilter), any other the one record picked. */
const ReferenceFilter = (props: KindFilterProps) => (targetOf(props.field) === 'Region' ? <RegionSubtreeFilter {...props} /> : <RecordFilter {...props} />);

export const referenceKind: KindComponents = { Field: ReferenceValue, Input: ReferenceFormInput, Filter: ReferenceFilter };
