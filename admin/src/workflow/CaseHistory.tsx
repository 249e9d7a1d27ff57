/**
 * 办理经过: the case's SuggestionTransition rows in the order they happened, read as its story — the date, the step,
 * the unit it concerned (with the due date it was given), who took it, and the note (a reason, the answer's
 * category and text, the satisfactions).
 */
import { Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { SuggestionStep } from '../../../schema/shared/enums';
import { formatDate } from '../fields/format';
import { useLanguage } from '../fields/useLanguage';
import type { CaseTransitionRecord } from './useWorkflowCase';

export const CaseHistory = ({ transitions }: { transitions: readonly CaseTransitionRecord[] }) => {
  const translate = useTranslate();
  const language = useLanguage();
  return (
    <>
      <Typography variant="subtitle1" component="h3" sx={{ mt: 2 }}>
        {translate('crc.workflow.history.title')}
      </Typography>
      {transitions.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {translate('crc.workflow.history.empty')}
        </Typography>
      ) : (
        <Table size="small" data-testid="workflow-history" sx={{ '& td': { verticalAlign: 'top' } }}>
          <TableHead>
            <TableRow>
              {(['on', 'step', 'unit', 'actor', 'note'] as const).map((column) => (
                <TableCell key={column} sx={{ whiteSpace: 'nowrap' }}>
                  {translate(`crc.workflow.history.${column}`)}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {transitions.map((row) => (
              <TableRow key={row.id} data-testid="history-row" data-step={row.step}>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDate(row.occurredOn, language)}</TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{SuggestionStep.label(row.step, language)}</TableCell>
                <TableCell>
                  {row.organisation?.name}
                  {row.dueOn && (
                    <Typography variant="caption" component="div" color="text.secondary">
                      {translate('crc.workflow.history.dueOn', { date: formatDate(row.dueOn, language) })}
                    </Typography>
                  )}
                </TableCell>
                <TableCell>{row.actorName}</TableCell>
                <TableCell sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{row.note}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
};
