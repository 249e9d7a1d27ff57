/**
 * The inputs of a step's form, one per derived field (dialogFields.ts), from a registry by widget kind: an
 * enum's values as a select in the console's language, a switch, a date, text, a record picker (a case's units
 * among its region's organisations), and an input object's own fields — one, a list to add to, or one row per
 * handling of the case. A field needed only for some outcomes appears when the deciding field leads to one.
 */
import type { ComponentType, ReactNode } from 'react';
import AddIcon from '@mui/icons-material/AddCircleOutlineOutlined';
import RemoveIcon from '@mui/icons-material/RemoveCircleOutlineOutlined';
import { Box, IconButton, Stack, Typography } from '@mui/material';
import { BooleanInput, Button, DateInput, SelectInput, TextInput, required, useTranslate, type Validator } from 'react-admin';
import { useFormContext, useWatch } from 'react-hook-form';
import { HandlerRole } from '../../../schema/shared/enums';
import { ReferencePicker } from '../fields/ReferenceKind';
import { useLanguage } from '../fields/useLanguage';
import { useModel } from '../metadata/ModelContext';
import { useUnitName } from './CaseHandlings';
import type { DialogField, DialogWidget } from './dialogFields';
import { enumLabel, newItem } from './stepValues';
import type { CaseRecord } from './useWorkflowCase';

/** What inputs need: the case's handlings (rows of a per-handling input) and region (pickers' bounds), the API's enums' values, today. */
export type StepContext = { caseRecord: CaseRecord; enumValues: (name: string) => readonly string[]; today: string };

type WidgetProps<K extends DialogWidget['kind'] = DialogWidget['kind']> = {
  field: DialogField & { widget: Extract<DialogWidget, { kind: K }> };
  source: string;
  label: string;
  validate?: Validator[];
  context: StepContext;
};

const requiredOnly = [required()];

/** A field's label: the fact's, or the console's for an input the table does not name. */
function useLabel(field: DialogField): string {
  const language = useLanguage();
  const translate = useTranslate();
  return field.label ? field.label[language] : translate(`crc.workflow.inputs.${field.name}`);
}

const EnumSelect = ({ field, source, label, validate, context }: WidgetProps<'select'>) => {
  const language = useLanguage();
  const choices = context.enumValues(field.widget.enumName).map((value) => ({ id: value, name: enumLabel(field.widget.enumName, value, language) }));
  return <SelectInput source={source} label={label} choices={choices} translateChoice={false} validate={validate} sx={{ minWidth: 220 }} />;
};

const Switch = ({ source, label }: WidgetProps<'switch'>) => <BooleanInput source={source} label={label} />;

const DateWidget = ({ source, label, validate }: WidgetProps<'date'>) => <DateInput source={source} label={label} validate={validate} />;

/** Text is what people write at length here (reasons, answers, notes): a box that grows. */
const Text = ({ field, source, label, validate }: WidgetProps<'text'>) => (
  <TextInput source={source} label={label} validate={validate} multiline minRows={field.required || field.when ? 3 : 2} fullWidth />
);

/** A record picker; a regional entity's records are those of the case's region and below (the units of that congress). */
const Picker = ({ field, source, label, validate, context }: WidgetProps<'reference'>) => {
  const model = useModel();
  const code = context.caseRecord.region?.code;
  const filter = code && model.find(field.widget.entity)?.regional ? { inRegion: code } : undefined;
  return <ReferencePicker source={source} target={field.widget.entity} label={label} validate={validate} filter={filter} />;
};

/** The row of one handling: its unit and its role. */
const HandlingCaption = ({ handling }: { handling: CaseRecord['handlings']['nodes'][number] }) => {
  const translate = useTranslate();
  const language = useLanguage();
  const unitName = useUnitName();
  return (
    <Typography variant="body2" sx={{ minWidth: 180 }} data-testid="per-handling-unit">
      {translate('crc.workflow.unitRole', { unit: unitName(handling), role: HandlerRole.label(handling.role, language) })}
    </Typography>
  );
};

const ObjectInput = ({ field, source, label, context }: WidgetProps<'object'>) => {
  const { widget } = field;
  if (widget.perHandling) {
    const entered = widget.fields.filter((sub) => sub.widget.kind !== 'reference');
    return (
      <Stack spacing={1} sx={{ width: '100%' }} data-testid={`input-${field.name}`}>
        <Typography variant="subtitle2">{label}</Typography>
        {context.caseRecord.handlings.nodes.map((handling, index) => (
          <Box key={handling.id} sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap' }} data-testid="per-handling-row">
            <HandlingCaption handling={handling} />
            {entered.map((sub) => (
              <FieldInput key={sub.name} field={sub} source={`${source}.${index}.${sub.name}`} context={context} />
            ))}
          </Box>
        ))}
      </Stack>
    );
  }
  const inputs = (prefix: string) => widget.fields.map((sub) => <FieldInput key={sub.name} field={sub} source={`${prefix}${sub.name}`} context={context} />);
  if (widget.list) return <ObjectList field={field} source={source} label={label} context={context} />;
  return (
    <Box sx={{ width: '100%' }} data-testid={`input-${field.name}`}>
      <Typography variant="subtitle2">{label}</Typography>
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'flex-start' }}>{inputs(`${source}.`)}</Box>
    </Box>
  );
};

/**
 * A list of input objects to add to and remove from (the co-handlers), kept as the form's value itself rather
 * than through react-admin's ArrayInput, whose field-array machinery would weigh on the console's first bundle.
 */
const ObjectList = ({ field, source, label, context }: WidgetProps<'object'>) => {
  const translate = useTranslate();
  const { setValue } = useFormContext();
  const items = (useWatch({ name: source }) as unknown[] | undefined) ?? [];
  const change = (next: unknown[]) => setValue(source, next, { shouldDirty: true });
  return (
    <Box sx={{ width: '100%' }} data-testid={`input-${field.name}`}>
      <Typography variant="subtitle2">{label}</Typography>
      {items.map((_, index) => (
        <Box key={index} sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'flex-start' }} data-testid="list-item">
          {field.widget.fields.map((sub) => (
            <FieldInput key={sub.name} field={sub} source={`${source}.${index}.${sub.name}`} context={context} />
          ))}
          <IconButton aria-label={translate('ra.action.remove')} onClick={() => change(items.filter((__, at) => at !== index))} sx={{ mt: 1 }}>
            <RemoveIcon />
          </IconButton>
        </Box>
      ))}
      <Button label="ra.action.add" onClick={() => change([...items, newItem(field, context.today)])}>
        <AddIcon />
      </Button>
    </Box>
  );
};

const widgets: { [K in DialogWidget['kind']]: ComponentType<WidgetProps<K>> } = {
  select: EnumSelect,
  switch: Switch,
  date: DateWidget,
  text: Text,
  reference: Picker,
  object: ObjectInput,
};

/** Shows `children` while the deciding field holds a value that needs them. */
const WhenDecided = ({ when, children }: { when: NonNullable<DialogField['when']>; children: ReactNode }) => {
  const value = useWatch({ name: when.field }) as string | boolean | undefined;
  return value !== undefined && when.values.includes(value) ? <>{children}</> : null;
};

export const FieldInput = ({ field, source, context }: { field: DialogField; source: string; context: StepContext }) => {
  const label = useLabel(field);
  const Widget = widgets[field.widget.kind] as ComponentType<WidgetProps>;
  // Text and objects take the form's width; a select, a date, a switch or a picker keeps a field's.
  const wide = field.widget.kind === 'text' || field.widget.kind === 'object';
  const input = (
    <Box data-field={field.name} sx={{ width: wide ? '100%' : 300, maxWidth: '100%' }}>
      <Widget field={field} source={source} label={label} validate={field.required || field.when ? requiredOnly : undefined} context={context} />
    </Box>
  );
  return field.when ? <WhenDecided when={field.when}>{input}</WhenDecided> : input;
};

/** Every input of a step's form, in the derived order. */
export const StepInputs = ({ fields, context }: { fields: readonly DialogField[]; context: StepContext }) => (
  <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1, '& .MuiFormControl-root': { minWidth: 220 } }}>
    {fields.map((field) => (
      <FieldInput key={field.name} field={field} source={field.name} context={context} />
    ))}
  </Box>
);
