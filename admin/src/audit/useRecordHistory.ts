/**
 * One record's history (`recordHistory`, oldest first), read again whenever the record's version changes:
 * after an edit, a restore or a revert the page refreshes the record, and its history follows.
 */
import { useEffect, useState } from 'react';
import type { RaRecord } from 'react-admin';
import { useGraphQL } from '../dataProvider/useGraphQL';
import { auditEntryFields, type AuditEntry } from './types';

const historyQuery = `query recordHistory($entity: String!, $id: ID!) { recordHistory(entity: $entity, id: $id) { ${auditEntryFields} } }`;

export type History = { entries?: AuditEntry[]; failure?: string };

export function useRecordHistory(entity: string, record: RaRecord | undefined): History {
  const graphql = useGraphQL();
  const [history, setHistory] = useState<History>({});
  const id = record?.id;
  const version = record?.version;
  useEffect(() => {
    if (id === undefined) return;
    let live = true;
    graphql<{ recordHistory: AuditEntry[] }>(historyQuery, { entity, id: String(id) }).then(
      ({ recordHistory }) => live && setHistory({ entries: recordHistory }),
      (error: Error) => live && setHistory({ failure: error.message }),
    );
    return () => {
      live = false;
    };
  }, [graphql, entity, id, version]);
  return history;
}
