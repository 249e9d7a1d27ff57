/**
 * 办理流程 on a suggestion's page: the declared workflow's diagram with the case's state, its units, the steps
 * this user may take now (steps.ts: each a button and a dialog, the lead unit's answer a form on the page), for a
 * unit's staff their own handling with the upload of its answer letter, and the history of the case.
 * Loaded only when a suggestion's page opens (not in the console's first bundle).
 */
import { Alert, Box, Card, CardContent, Chip, LinearProgress, Stack, Typography } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import { enumColours } from '../../../schema/shared/define-enum';
import { HandlerRole, SuggestionStatus } from '../../../schema/shared/enums';
import { AttachmentUploadButton } from '../attachments/AttachmentButtons';
import { formatDate } from '../fields/format';
import { useLanguage } from '../fields/useLanguage';
import { useModel } from '../metadata/ModelContext';
import { CaseHandlings } from './CaseHandlings';
import { CaseHistory } from './CaseHistory';
import { StateDiagram } from './StateDiagram';
import { StepButton, StepForm } from './StepForm';
import { nextSteps, takenInline, worksForUnit, type CaseState, type NextStep } from './steps';
import { useApiTypes, useWorkflowCase, type ApiTypes, type CaseRecord } from './useWorkflowCase';

const CurrentState = ({ caseRecord }: { caseRecord: CaseRecord }) => {
  const translate = useTranslate();
  const language = useLanguage();
  const colour = SuggestionStatus.options.find((option) => option.value === caseRecord.status)?.color;
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
      <Typography variant="body2" color="text.secondary">
        {translate('crc.workflow.current')}
      </Typography>
      <Chip
        label={SuggestionStatus.label(caseRecord.status, language)}
        color={colour && enumColours.includes(colour) ? colour : 'default'}
        data-testid="workflow-status"
        data-status={caseRecord.status}
      />
      {caseRecord.keySupervised && <Chip variant="outlined" color="warning" label={translate('crc.workflow.supervised', { leader: caseRecord.supervisingLeader ?? '—' })} />}
    </Stack>
  );
};

/** A unit's staff: their handling, the steps taken on the page for it (the answer, the opinion), and its answer letter's upload. */
const UnitWork = ({ caseRecord, steps, api }: { caseRecord: CaseRecord; steps: NextStep[]; api: ApiTypes }) => {
  const translate = useTranslate();
  const language = useLanguage();
  return (
    <Box sx={{ mt: 2 }} data-testid="workflow-unit">
      <Typography variant="subtitle1" component="h3">
        {translate('crc.workflow.unitWork')}
      </Typography>
      {caseRecord.handlings.nodes.map((handling) => (
        <Box key={handling.id} sx={{ mt: 1 }}>
          <Typography variant="body2" color="text.secondary">
            {HandlerRole.label(handling.role, language)}
            {handling.dueOn && ` · ${translate('crc.workflow.due', { date: formatDate(handling.dueOn, language) })}`}
          </Typography>
          {steps
            .filter((step) => step.target.id === handling.id)
            .map((step) => (
              <Box key={step.transition.name} sx={{ mt: 1, maxWidth: 900, p: 2, border: 1, borderColor: 'divider', borderRadius: 1 }}>
                <StepForm step={step} caseRecord={caseRecord} api={api} layout="inline" />
              </Box>
            ))}
          <AttachmentUploadButton on="handling" target={{ handlingId: handling.id }} label="crc.workflow.uploadLetter" />
        </Box>
      ))}
    </Box>
  );
};

const Steps = ({ caseRecord, api }: { caseRecord: CaseRecord; api: ApiTypes }) => {
  const model = useModel();
  const translate = useTranslate();
  const role = model.viewer.role;
  const state: CaseState = {
    id: caseRecord.id,
    version: caseRecord.version,
    status: caseRecord.status,
    handlings: caseRecord.handlings.nodes.map((handling) => ({
      id: handling.id,
      version: handling.version,
      role: handling.role,
      reassignmentStatus: handling.reassignmentStatus,
      answered: handling.answeredOn !== null,
      ownUnit: worksForUnit(role),
    })),
  };
  const steps = nextSteps(state, role);
  const buttons = steps.filter((step) => !takenInline(step.transition));
  const inline = steps.filter((step) => takenInline(step.transition));
  // A unit whose only step is written on the page (its answer, its opinion) has no buttons: no empty heading above them.
  const onlyOnPage = buttons.length === 0 && inline.length > 0;
  return (
    <>
      {!onlyOnPage && (
        <Typography variant="subtitle1" component="h3" sx={{ mt: 2 }}>
          {translate('crc.workflow.nextSteps')}
        </Typography>
      )}
      {onlyOnPage ? null : steps.length === 0 ? (
        <Typography variant="body2" color="text.secondary" data-testid="workflow-no-steps">
          {translate('crc.workflow.none')}
        </Typography>
      ) : (
        <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', mt: 0.5 }} data-testid="workflow-steps">
          {buttons.map((step) => (
            <StepButton key={`${step.transition.name}:${step.target.id}`} step={step} caseRecord={caseRecord} api={api} />
          ))}
        </Stack>
      )}
      {worksForUnit(role) && caseRecord.handlings.nodes.length > 0 && <UnitWork caseRecord={caseRecord} steps={inline} api={api} />}
    </>
  );
};

export default function WorkflowPanel() {
  const record = useRecordContext();
  const translate = useTranslate();
  const model = useModel();
  // Whoever may not list the history (SuggestionTransition) has it left out, not shown empty.
  const readsHistory = model.find('SuggestionTransition')?.operations.includes('list') ?? false;
  const live = record && !record.deletedAt ? String(record.id) : undefined;
  const { data: caseRecord, error } = useWorkflowCase(live);
  const { data: api, error: apiError } = useApiTypes();
  if (!live) return null;
  const failure = error ?? apiError;
  const transitions = caseRecord?.transitions?.nodes ?? [];
  const visited = new Set([...transitions.flatMap((row) => [row.fromStatus, row.toStatus]), ...(caseRecord ? [caseRecord.status] : [])]);
  const taken = new Set(transitions.map((row) => `${row.fromStatus}>${row.toStatus}`));
  return (
    <Card variant="outlined" sx={{ width: '100%', mb: 2 }} data-testid="workflow-panel">
      <CardContent>
        <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center', flexWrap: 'wrap', gap: 1, mb: 1 }}>
          <Typography variant="h6" component="h2">
            {translate('crc.workflow.title')}
          </Typography>
          {caseRecord && <CurrentState caseRecord={caseRecord} />}
        </Stack>
        {failure && <Alert severity="error">{translate(failure.message, { _: failure.message })}</Alert>}
        {!caseRecord || !api ? (
          !failure && <LinearProgress />
        ) : (
          <>
            <StateDiagram status={caseRecord.status} visited={visited} taken={taken} />
            <CaseHandlings handlings={caseRecord.handlings.nodes} />
            <Steps caseRecord={caseRecord} api={api} />
            {readsHistory && <CaseHistory transitions={transitions} />}
          </>
        )}
      </CardContent>
    </Card>
  );
}
