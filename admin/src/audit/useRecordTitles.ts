/**
 * The titles of the records an audit view names by id — the records its entries are about and the ones their
 * changed references point to — fetched in one request (one aliased list per kind of record, deleted records
 * included), so a history reads "所属区划 （空）→ 灵台县", not "→ #44". A record the user may not read keeps its number.
 */
import { useEffect, useMemo, useState } from 'react';
import { inflection } from '../../../schema/shared/inflection';
import { useGraphQL } from '../dataProvider/useGraphQL';
import { titleSelection } from '../dataProvider/selection';
import { useModel } from '../metadata/ModelContext';
import { recordTitle, type Model } from '../metadata/model';
import type { AuditEntry } from './types';

/** `Entity:id` → title. */
export type Titles = ReadonlyMap<string, string>;

export const titleKey = (entity: string, id: unknown) => `${entity}:${String(id)}`;

/** Every (entity, id) the entries name: their records, and the references their changes set or cleared. */
function namedRecords(model: Model, entries: readonly AuditEntry[]): Map<string, Set<string>> {
  const named = new Map<string, Set<string>>();
  const add = (entity: string, id: unknown) => {
    if (id === null || id === undefined || id === '' || !model.find(entity)?.operations.includes('list')) return;
    named.set(entity, (named.get(entity) ?? new Set()).add(String(id)));
  };
  for (const entry of entries) {
    add(entry.entity, entry.recordId);
    const fields = model.find(entry.entity)?.fields ?? [];
    for (const [key, change] of Object.entries(entry.changes ?? {})) {
      const field = fields.find((candidate) => candidate.name === key);
      if (field?.kind !== 'reference' || !field.reference || typeof change !== 'object' || change === null) continue;
      add(field.reference.entity, (change as { before?: unknown }).before);
      add(field.reference.entity, (change as { after?: unknown }).after);
    }
  }
  return named;
}

export function useRecordTitles(entries: readonly AuditEntry[] | undefined): Titles {
  const model = useModel();
  const graphql = useGraphQL();
  const [titles, setTitles] = useState<Titles>(new Map());
  const named = useMemo(() => namedRecords(model, entries ?? []), [model, entries]);
  const key = [...named].map(([entity, ids]) => `${entity}:${[...ids].sort().join(',')}`).join(';');
  useEffect(() => {
    if (named.size === 0) return;
    let live = true;
    const kinds = [...named.entries()];
    const selections = kinds.map(([entity, ids], index) => {
      const meta = model.entity(entity);
      const list = JSON.stringify([...ids]);
      return `t${index}: ${inflection.list(meta)}(where: { id: { in: ${list} } }, limit: ${ids.size}, withDeleted: true) { nodes { id ${titleSelection(model, entity)} } }`;
    });
    graphql<Record<string, { nodes: Record<string, unknown>[] }>>(`query auditTitles { ${selections.join(' ')} }`).then(
      (data) => {
        if (!live) return;
        const found = new Map<string, string>();
        kinds.forEach(([entity], index) => data[`t${index}`]?.nodes.forEach((node) => found.set(titleKey(entity, node.id), recordTitle(model, entity, node))));
        setTitles(found);
      },
      () => undefined, // numbers stay: the history is still readable
    );
    return () => {
      live = false;
    };
  }, [key]); // eslint-disable-line react-hooks/exhaustive-deps
  return titles;
}
