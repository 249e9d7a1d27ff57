/**
 * What deleting the records would do, asked of the server (`deletionEffects`) when the confirmation opens:
 * the relations that refuse it, and what it deletes with them or clears, as each reference declares.
 */
import { useEffect, useState } from 'react';
import type { Identifier } from 'react-admin';
import { useGraphQL } from '../dataProvider/useGraphQL';

export type DeletionEffect = { entity: string; field: string; rule: 'REFUSE' | 'CASCADE' | 'CLEAR'; count: number; depth: number };

const query = `query DeletionEffects($entity: String!, $ids: [ID!]!) { deletionEffects(entity: $entity, ids: $ids) { entity field rule count depth } }`;

/** Null while asking (or when the server could not say: the delete itself still enforces the rules). */
export function useDeletionEffects(open: boolean, entity: string, ids: readonly Identifier[]): DeletionEffect[] | null {
  const graphql = useGraphQL();
  const [effects, setEffects] = useState<DeletionEffect[] | null>(null);
  const key = ids.join(',');
  useEffect(() => {
    setEffects(null);
    if (!open || key === '') return;
    let current = true;
    graphql<{ deletionEffects: DeletionEffect[] }>(query, { entity, ids: key.split(',') })
      .then((data) => current && setEffects(data.deletionEffects))
      .catch(() => current && setEffects(null));
    return () => {
      current = false;
    };
  }, [open, entity, key, graphql]);
  return effects;
}
