/**
 * One step of the workflow taken: its form (derived by dialogFields.ts, started by stepValues.ts) in a dialog
 * behind a button, or on the page itself (the lead unit's answer). The mutation (`inflection.workflowMutation`)
 * is sent with the version of the record the step is on; a change made meanwhile opens the conflict dialog
 * (go ahead on the latest version, or reload), any other refusal is shown as the server words it, in the
 * console's language, and on the inputs it names. After the step the page reads the case again.
 */
import { useMemo, useState } from 'react';
import CheckIcon from '@mui/icons-material/CheckCircleOutlineOutlined';
import { Alert, Box, Button as MuiButton, Dialog, DialogActions, DialogContent, DialogTitle, Typography } from '@mui/material';
import { Button, Form, useNotify, useRecordContext, useRefresh, useTranslate, type HttpError, type TranslateFunction } from 'react-admin';
import { useFormState } from 'react-hook-form';
import { SuggestionStatus } from '../../../schema/shared/enums';
import { inflection } from '../../../schema/shared/inflection';
import { todayInChina } from '../../../schema/shared/validators';
import { isConflict } from '../dataProvider/errors';
import { useGraphQL } from '../dataProvider/useGraphQL';
import { useLanguage } from '../fields/useLanguage';
import { useModel } from '../metadata/ModelContext';
import { fieldsIn } from '../metadata/model';
import type { Language } from '../metadata/types';
import { ConflictDialog } from '../screens/ConflictDialog';
import { useUnitName } from './CaseHandlings';
import { dialogFields, enumValuesOf, stepInput, typeText } from './dialogFields';
import { keepsState } from './diagram';
import { StepInputs } from './StepInputs';
import { initialValues } from './stepValues';
import type { NextStep } from './steps';
import type { ApiTypes, CaseRecord } from './useWorkflowCase';

/** The mutation of a step, its input typed as the API declares it (optional where no fact is needed). */
function stepMutation(step: NextStep, api: ApiTypes): string {
  const name = inflection.workflowMutation(step.transition);
  const input = api.mutations.get(name)?.args.find((arg) => arg.name === 'input');
  if (!input) throw new Error(`the API has no mutation ${name}(input)`);
  return `mutation ${name}($id: ID!, $version: Int!, $input: ${typeText(input.type)}) { ${name}(id: $id, version: $version, input: $input) { id version } }`;
}

/** The step's name, with its unit when the secretariat takes it on one handling of several. */
export function stepLabel(step: NextStep, caseRecord: CaseRecord, language: Language, translate: TranslateFunction, unitName: ReturnType<typeof useUnitName>): string {
  const label = language === 'en' ? step.transition.labelEn : step.transition.labelZh;
  const handling = caseRecord.handlings.nodes.find((candidate) => candidate.id === step.target.id);
  if (step.target.on !== 'SuggestionHandling' || step.target.handling?.ownUnit || !handling) return label;
  return translate('crc.workflow.onHandling', { step: label, unit: unitName(handling) });
}

const SubmitStep = ({ label }: { label: string }) => {
  const { isSubmitting } = useFormState();
  return (
    <MuiButton type="submit" variant="contained" disabled={isSubmitting} startIcon={<CheckIcon />} data-testid="step-submit">
      {label}
    </MuiButton>
  );
};

type Props = { step: NextStep; caseRecord: CaseRecord; api: ApiTypes; layout: 'dialog' | 'inline'; onClose?: () => void };

export const StepForm = ({ step, caseRecord, api, layout, onClose }: Props) => {
  const { transition, target } = step;
  const model = useModel();
  const shown = useRecordContext();
  const graphql = useGraphQL();
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  const language = useLanguage();
  const unitName = useUnitName();
  const [refusal, setRefusal] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Record<string, unknown> | null>(null);
  const today = todayInChina();
  const fields = useMemo(() => dialogFields(transition, api.types), [transition, api.types]);
  // Taken once: the case read again meanwhile (a letter uploaded beside an answer being written) must not wipe what was typed.
  const [initial] = useState(() =>
    initialValues(transition, fields, { keySupervised: caseRecord.keySupervised, supervisingLeader: caseRecord.supervisingLeader, handlings: caseRecord.handlings.nodes }, today),
  );
  const label = stepLabel(step, caseRecord, language, translate, unitName);
  const mutation = useMemo(() => stepMutation(step, api), [step, api]);
  const context = useMemo(() => ({ caseRecord, enumValues: (name: string) => enumValuesOf(api.types, name), today }), [caseRecord, api.types, today]);

  const send = async (values: Record<string, unknown>, version: number) => {
    await graphql(mutation, { id: target.id, version, input: stepInput(fields, values) });
    notify('crc.workflow.done', { type: 'success', messageArgs: { step: label } });
    onClose?.();
    refresh();
  };
  /** A change meanwhile opens the conflict dialog; another refusal is said in the form, its fields' messages on the inputs they name. */
  const refused = (error: unknown, values: Record<string, unknown>) => {
    if (isConflict(error)) return void setConflict(values);
    setRefusal((error as Error).message || translate('ra.notification.http_error'));
    return (error as HttpError).body?.errors as Record<string, string> | undefined;
  };
  const submit = async (values: Record<string, unknown>) => {
    setRefusal(null);
    try {
      await send(values, target.version);
    } catch (error) {
      return refused(error, values);
    }
  };

  // The record the step is on, as the page read it: what the conflict dialog compares with the latest.
  const entity = model.entity(target.on);
  const loaded = target.on === 'Suggestion' ? shown : caseRecord.handlings.nodes.find((handling) => handling.id === target.id);
  const compared = loaded ? fieldsIn(entity, 'show').filter((field) => field.kind !== 'referenceList' && field.name in loaded) : [];
  const others = transition.to.filter((state) => state !== caseRecord.status);
  const route = keepsState(transition)
    ? null
    : translate('crc.workflow.from', { from: SuggestionStatus.label(caseRecord.status, language), to: others.map((state) => SuggestionStatus.label(state, language)).join(' / ') });

  const body = (
    <>
      {route && (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {route}
        </Typography>
      )}
      {refusal && (
        <Alert severity="error" sx={{ mb: 1 }} data-testid="step-refused">
          {refusal}
        </Alert>
      )}
      <StepInputs fields={fields} context={context} />
    </>
  );
  return (
    <Form record={initial} onSubmit={submit}>
      {layout === 'dialog' ? (
        <>
          <DialogTitle id={`step-${transition.name}-title`}>{label}</DialogTitle>
          <DialogContent>{body}</DialogContent>
          <DialogActions>
            <Button label="ra.action.cancel" onClick={onClose} />
            <SubmitStep label={label} />
          </DialogActions>
        </>
      ) : (
        <Box data-testid={`step-form-${transition.name}`}>
          {body}
          <Box sx={{ mt: 1 }}>
            <SubmitStep label={label} />
          </Box>
        </Box>
      )}
      {conflict && loaded && (
        <ConflictDialog
          entity={entity}
          conflict={{ loaded, data: conflict }}
          fields={compared}
          reloadLabel="crc.workflow.conflictReload"
          overwriteLabel="crc.workflow.conflictAgain"
          // A step on the case makes sense against the latest version only if the case is still in a state it leaves from.
          canOverwrite={(current) => target.on !== 'Suggestion' || transition.from.includes(current.status as SuggestionStatus)}
          onReload={() => {
            setConflict(null);
            onClose?.();
            refresh();
          }}
          onOverwrite={(current) => {
            const values = conflict;
            setConflict(null);
            send(values, Number(current.version)).catch((error) => refused(error, values));
          }}
        />
      )}
    </Form>
  );
};

/** A step behind a button: its dialog opens on its form. */
export const StepButton = ({ step, caseRecord, api }: { step: NextStep; caseRecord: CaseRecord; api: ApiTypes }) => {
  const [open, setOpen] = useState(false);
  const translate = useTranslate();
  const language = useLanguage();
  const unitName = useUnitName();
  const label = stepLabel(step, caseRecord, language, translate, unitName);
  const { transition } = step;
  return (
    <>
      <MuiButton variant="outlined" size="small" onClick={() => setOpen(true)} data-testid={`step-${transition.name}`}>
        {label}
      </MuiButton>
      <Dialog open={open} onClose={() => setOpen(false)} maxWidth="md" fullWidth aria-labelledby={`step-${transition.name}-title`} data-testid={`step-dialog-${transition.name}`}>
        {open && <StepForm step={step} caseRecord={caseRecord} api={api} layout="dialog" onClose={() => setOpen(false)} />}
      </Dialog>
    </>
  );
};
