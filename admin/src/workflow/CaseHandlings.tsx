/**
 * The case's handling units as the panel shows them: each unit (to its own staff, "your unit"), its role, due
 * date, start, answer (category and text) and satisfaction, a waiting re-assignment request with its reason,
 * and the files attached to it (the signed answer letter), each to download.
 */
import type { MouseEvent } from 'react';
import DownloadIcon from '@mui/icons-material/Download';
import { Box, Chip, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useNotify, useTranslate } from 'react-admin';
import { useModel } from '../metadata/ModelContext';
import { worksForUnit } from './steps';
import { AnswerCategory, HandlerRole, ReassignmentStatus, Satisfaction } from '../../../schema/shared/enums';
import { todayInChina } from '../../../schema/shared/validators';
import { downloadAttachment } from '../attachments/attachmentApi';
import { formatDate } from '../fields/format';
import { useLanguage } from '../fields/useLanguage';
import { acceptLanguageOf } from '../i18n/i18nProvider';
import type { CaseAttachment, CaseHandlingRecord } from './useWorkflowCase';

/**
 * How a handling's unit is named: by the organisation, or — when it reads as absent — to a unit's own staff
 * "your unit" (the only unit whose handlings they read), to anyone else a dash (a unit outside their region).
 */
export function useUnitName(): (handling: Pick<CaseHandlingRecord, 'organisation'>) => string {
  const translate = useTranslate();
  const { viewer } = useModel();
  const absent = worksForUnit(viewer.role) ? translate('crc.workflow.ownUnit') : '—';
  return (handling) => handling.organisation?.name ?? absent;
}

const Files = ({ files }: { files: readonly CaseAttachment[] }) => {
  const language = useLanguage();
  const notify = useNotify();
  const download = (file: CaseAttachment) => (event: MouseEvent) => {
    event.stopPropagation();
    downloadAttachment(file.id, file.fileName, acceptLanguageOf[language]).catch((error: Error) => notify(error.message, { type: 'error' }));
  };
  return (
    <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap' }}>
      {files.map((file) => (
        <Chip key={file.id} size="small" variant="outlined" icon={<DownloadIcon />} label={file.fileName} onClick={download(file)} data-testid="handling-file" />
      ))}
    </Box>
  );
};

export const CaseHandlings = ({ handlings }: { handlings: readonly CaseHandlingRecord[] }) => {
  const translate = useTranslate();
  const language = useLanguage();
  const unitName = useUnitName();
  // Past its due date and not answered: overdue, as the deadline scan counts it.
  const today = todayInChina();
  const date = (value: string | null) => (value ? formatDate(value, language) : '—');
  if (handlings.length === 0) return null;
  return (
    <Table size="small" data-testid="workflow-handlings" sx={{ mt: 1, '& td': { verticalAlign: 'top' } }}>
      <TableHead>
        <TableRow>
          {(['unit', 'role', 'due', 'started', 'answered', 'satisfaction'] as const).map((column) => (
            <TableCell key={column} sx={{ whiteSpace: 'nowrap' }}>
              {translate(`crc.workflow.handlings.${column}`)}
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {handlings.map((handling) => (
          <TableRow key={handling.id} data-testid="workflow-handling" data-role={handling.role}>
            <TableCell>
              {unitName(handling)}
              {handling.reassignmentStatus && (
                <Typography variant="caption" component="div" color={handling.reassignmentStatus === 'REQUESTED' ? 'warning.main' : 'text.secondary'}>
                  {translate('crc.workflow.reassignment', { status: ReassignmentStatus.label(handling.reassignmentStatus, language), reason: handling.reassignmentReason ?? '' })}
                </Typography>
              )}
              {handling.attachments && handling.attachments.nodes.length > 0 && <Files files={handling.attachments.nodes} />}
            </TableCell>
            <TableCell>{HandlerRole.label(handling.role, language)}</TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap', color: handling.dueOn && !handling.answeredOn && handling.dueOn < today ? 'error.main' : undefined }} data-testid="handling-due">
              {date(handling.dueOn)}
            </TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{date(handling.startedOn)}</TableCell>
            <TableCell>
              <Box sx={{ whiteSpace: 'nowrap' }}>
                {date(handling.answeredOn)}
                {handling.answerCategory && (language === 'en' ? ` (${AnswerCategory.label(handling.answerCategory, language)})` : `（${AnswerCategory.label(handling.answerCategory, language)}）`)}
              </Box>
              {handling.answer && (
                <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', mt: 0.5 }} data-testid="handling-answer">
                  {handling.answer}
                </Typography>
              )}
            </TableCell>
            <TableCell>{handling.satisfaction ? Satisfaction.label(handling.satisfaction, language) : '—'}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};
