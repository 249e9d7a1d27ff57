/**
 * 审计日志 (administrators): every entry of the audit trail, newest first and paged on the server, filtered
 * by who, kind of record, operation and a range of days; each row says when, who in which role, which
 * record (linked to its page when the console shows records of that kind) and, in one line, what changed.
 */
import { useMemo } from 'react';
import { Tooltip, Typography } from '@mui/material';
import { Datagrid, DateInput, FunctionField, Link, List, Pagination, SelectInput, TextField, TextInput, useCreatePath, useListContext, useTranslate } from 'react-admin';
import { formatDateTime } from '../fields/format';
import { useLanguage } from '../fields/useLanguage';
import { useModel } from '../metadata/ModelContext';
import { auditLogResource } from './auditLogProvider';
import { changeRows, changeSummary } from './changeRows';
import { OperationChip } from './OperationChip';
import { auditOperations, operationLabel } from './operations';
import { roleLabel } from './roleLabel';
import type { AuditEntry } from './types';
import { titleKey, useRecordTitles } from './useRecordTitles';

/** The filters, all shown at once: the log has no others. */
function useFilters() {
  const model = useModel();
  return useMemo(() => {
    const entities = model.entities.map((entity) => ({ id: entity.name, name: `resources.${entity.name}.name` }));
    const operations = auditOperations.map((operation) => ({ id: operation, name: operationLabel(operation) }));
    return [
      <TextInput key="actorName" source="actorName" label="crc.audit.actor" alwaysOn />,
      <SelectInput key="entity" source="entity" label="crc.audit.entity" choices={entities} alwaysOn sx={{ minWidth: 160 }} />,
      <SelectInput key="operation" source="operation" label="crc.audit.operation" choices={operations} alwaysOn sx={{ minWidth: 140 }} />,
      <DateInput key="from" source="from" label="crc.audit.from" alwaysOn />,
      <DateInput key="to" source="to" label="crc.audit.to" alwaysOn />,
    ];
  }, [model]);
}

/** The changes in one line, cut to the column; the whole line on hover. */
const Summary = ({ text }: { text: string }) => (
  <Tooltip title={text} placement="bottom-start" enterDelay={500}>
    <Typography variant="body2" noWrap sx={{ maxWidth: 420 }}>
      {text}
    </Typography>
  </Tooltip>
);

/** The rows of the page shown, their records and references named by title (read for the page in one request). */
const AuditDatagrid = () => {
  const model = useModel();
  const language = useLanguage();
  const translate = useTranslate();
  const createPath = useCreatePath();
  const { data } = useListContext<AuditEntry>();
  const titles = useRecordTitles(data);
  const recordCell = (entry: AuditEntry) => {
    if (!entry.recordId) return null;
    const title = titles.get(titleKey(entry.entity, entry.recordId)) ?? `#${entry.recordId}`;
    if (!model.find(entry.entity)?.operations.includes('read')) return title;
    return <Link to={createPath({ resource: entry.entity, id: entry.recordId, type: 'show' })}>{title}</Link>;
  };
  return (
    <Datagrid bulkActionButtons={false} rowClick={false} sx={{ '& .RaDatagrid-headerCell': { whiteSpace: 'nowrap' } }}>
      <FunctionField<AuditEntry> label="crc.audit.at" sortable={false} render={(entry) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(entry.at, language)}</span>} />
      <TextField source="actorName" label="crc.audit.actor" sortable={false} />
      <FunctionField<AuditEntry> label="crc.audit.role" sortable={false} render={(entry) => roleLabel(entry.actorRole, language)} />
      <FunctionField<AuditEntry> label="crc.audit.entity" sortable={false} render={(entry) => translate(`resources.${entry.entity}.name`, { smart_count: 1, _: entry.entity })} />
      <FunctionField<AuditEntry> label="crc.audit.record" sortable={false} render={recordCell} />
      <FunctionField<AuditEntry> label="crc.audit.operation" sortable={false} render={(entry) => <OperationChip operation={entry.operation} />} />
      <FunctionField<AuditEntry>
        label="crc.audit.changes"
        sortable={false}
        render={(entry) => <Summary text={changeSummary(entry.operation, changeRows(entry.entity, entry.changes, { model, language, translate, titles }), translate)} />}
      />
    </Datagrid>
  );
};

export const AuditLogList = () => {
  const filters = useFilters();
  return (
    <List
      resource={auditLogResource}
      title="crc.audit.title"
      filters={filters}
      sort={{ field: 'at', order: 'DESC' }}
      perPage={25}
      pagination={<Pagination rowsPerPageOptions={[25, 50, 100]} />}
      exporter={false}
      actions={false}
    >
      <AuditDatagrid />
    </List>
  );
};
