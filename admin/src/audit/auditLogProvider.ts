/**
 * The audit log as a react-admin list: `getList` of the audit log resource answered by `auditEntries`
 * (newest first, paged on the server). Filters are who (the username, exactly), entity, record, operation
 * and a range of days in Beijing time, the last day included (the API's `to` excludes its instant).
 */
import type { GetListParams, GetListResult } from 'react-admin';
import { startOfDay } from '../dataProvider/filters';
import { auditEntryFields, type AuditEntry } from './types';

/** The resource name of the audit log screen: not an entity, so it never meets the generic query builder. */
export const auditLogResource = 'AuditLog';

type Query = <T>(text: string, variables?: Record<string, unknown>) => Promise<T>;

const auditEntriesQuery = `query auditEntries($where: AuditFilter, $offset: Int, $limit: Int) {
  auditEntries(where: $where, offset: $offset, limit: $limit) { nodes { ${auditEntryFields} } totalCount } }`;

/** The day after a YYYY-MM-DD day. */
function nextDay(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, date + 1)).toISOString().slice(0, 10);
}

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);
const day = (value: unknown) => (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined);

/** The `AuditFilter` for the list's filter values; empty ones are left out. */
function auditFilter(filter: Record<string, unknown> = {}): Record<string, string> {
  const from = day(filter.from);
  const to = day(filter.to);
  const where = {
    actorName: text(filter.actorName),
    entity: text(filter.entity),
    recordId: text(filter.recordId),
    operation: text(filter.operation),
    from: from && startOfDay(from),
    to: to && startOfDay(nextDay(to)),
  };
  return Object.fromEntries(Object.entries(where).filter(([, value]) => value !== undefined)) as Record<string, string>;
}

/** `getList` for the audit log resource, over the data provider's GraphQL passthrough. */
export function auditLogList(query: Query) {
  return async (params: GetListParams): Promise<GetListResult<AuditEntry>> => {
    const { page, perPage } = params.pagination ?? { page: 1, perPage: 25 };
    const { auditEntries } = await query<{ auditEntries: { nodes: AuditEntry[]; totalCount: number } }>(auditEntriesQuery, {
      where: auditFilter(params.filter),
      offset: (page - 1) * perPage,
      limit: perPage,
    });
    return { data: auditEntries.nodes, total: auditEntries.totalCount };
  };
}
