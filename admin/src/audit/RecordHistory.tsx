/**
 * 修改历史, the last tab of every show page: the record's audit entries, newest first — when, who (with
 * their role), what was done and each changed field with its value before and after. Administrators may
 * revert the record to the state after an earlier entry.
 */
import { useMemo } from 'react';
import { Alert, Box, LinearProgress, Paper, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import { isAdministrator } from '../auth/isAdministrator';
import { formatDateTime } from '../fields/format';
import { useLanguage } from '../fields/useLanguage';
import { useModel } from '../metadata/ModelContext';
import type { EntityMeta } from '../metadata/types';
import { changeRows, type ChangeRow } from './changeRows';
import { OperationChip } from './OperationChip';
import { revertTargets } from './operations';
import { RevertButton } from './RevertButton';
import { roleLabel } from './roleLabel';
import type { AuditEntry } from './types';
import { useRecordHistory } from './useRecordHistory';
import { useRecordTitles, type Titles } from './useRecordTitles';

const ChangeTable = ({ rows }: { rows: ChangeRow[] }) => {
  const translate = useTranslate();
  if (rows.length === 0) return null;
  return (
    // Fixed columns, so every entry's before and after line up down the page.
    <Table size="small" sx={{ tableLayout: 'fixed', '& td, & th': { px: 1, overflowWrap: 'anywhere' }, '& td:first-of-type': { color: 'text.secondary' } }}>
      <TableHead>
        <TableRow>
          <TableCell sx={{ width: '20%' }}>{translate('crc.history.field')}</TableCell>
          <TableCell sx={{ width: '40%' }}>{translate('crc.history.before')}</TableCell>
          <TableCell sx={{ width: '40%' }}>{translate('crc.history.after')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.key} data-change={row.key}>
            <TableCell>{row.label}</TableCell>
            {'value' in row ? (
              <TableCell colSpan={2}>{row.value}</TableCell>
            ) : (
              <>
                <TableCell sx={{ color: 'text.secondary' }}>{row.before}</TableCell>
                <TableCell>{row.after}</TableCell>
              </>
            )}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};

const HistoryEntry = ({ entity, entry, revertible, titles }: { entity: EntityMeta; entry: AuditEntry; revertible: boolean; titles: Titles }) => {
  const model = useModel();
  const translate = useTranslate();
  const language = useLanguage();
  const rows = changeRows(entity.name, entry.changes, { model, language, translate, titles });
  const role = roleLabel(entry.actorRole, language);
  return (
    <Paper variant="outlined" sx={{ p: 1.5 }} data-testid="history-entry" data-operation={entry.operation}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, flexWrap: 'wrap', mb: rows.length ? 1 : 0 }}>
        <OperationChip operation={entry.operation} />
        <Typography variant="body2" sx={{ fontWeight: 500 }}>
          {formatDateTime(entry.at, language)}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {role ? translate('crc.user.identity', { name: entry.actorName, role }) : entry.actorName}
        </Typography>
        <Box sx={{ flexGrow: 1 }} />
        {revertible && <RevertButton entity={entity.name} entry={entry} />}
      </Box>
      <ChangeTable rows={rows} />
    </Paper>
  );
};

export const RecordHistory = ({ entity }: { entity: EntityMeta; label?: false }) => {
  const model = useModel();
  const record = useRecordContext();
  const translate = useTranslate();
  const { entries, failure } = useRecordHistory(entity.name, record);
  const titles = useRecordTitles(entries);
  // Reverting is an update of a live record, by an administrator.
  const mayRevert = isAdministrator(model.viewer) && entity.operations.includes('update') && !record?.deletedAt;
  const targets = useMemo(() => (mayRevert && entries ? revertTargets(entries) : new Set<string>()), [mayRevert, entries]);
  if (failure) return <Alert severity="error">{translate('crc.history.failed', { message: failure })}</Alert>;
  if (!entries) return <LinearProgress sx={{ width: '100%' }} />;
  if (entries.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        {translate('crc.history.none')}
      </Typography>
    );
  }
  return (
    <Stack spacing={1.5} sx={{ width: '100%' }}>
      {[...entries].reverse().map((entry) => (
        <HistoryEntry key={entry.id} entity={entity} entry={entry} revertible={targets.has(entry.id)} titles={titles} />
      ))}
    </Stack>
  );
};
