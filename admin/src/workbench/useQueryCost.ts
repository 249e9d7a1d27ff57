/**
 * The cost of what the editor holds, asked of the server (`queryCost`, the number it enforces) a moment
 * after the user stops typing, so a query over the limit is seen before it is run.
 */
import { useEffect, useState } from 'react';
import { useGraphQL } from '../dataProvider/useGraphQL';
import type { EditorRequest } from './useEditor';
import { isBlankQuery } from './variables';

export type CostEstimate = { state: 'none' } | { state: 'pending' } | { state: 'invalidVariables' } | { state: 'failed'; message: string } | { state: 'known'; cost: number; limit: number };

/** How long the editor stays unchanged before its cost is asked for. */
const quietMs = 400;

const costQuery = `query WorkbenchCost($query: String!, $variables: JSON, $operationName: String) {
  queryCost(query: $query, variables: $variables, operationName: $operationName) { cost limit }
}`;

export function useQueryCost({ query, variables, operationName }: EditorRequest): CostEstimate {
  const graphql = useGraphQL();
  const [estimate, setEstimate] = useState<CostEstimate>({ state: 'none' });
  const key = JSON.stringify([query, variables, operationName]);
  useEffect(() => {
    if (isBlankQuery(query)) return setEstimate({ state: 'none' });
    if (variables === undefined) return setEstimate({ state: 'invalidVariables' });
    setEstimate({ state: 'pending' });
    let current = true;
    const timer = setTimeout(() => {
      graphql<{ queryCost: { cost: number; limit: number } }>(costQuery, { query, variables, operationName }).then(
        ({ queryCost }) => current && setEstimate({ state: 'known', ...queryCost }),
        (error: Error) => current && setEstimate({ state: 'failed', message: error.message }),
      );
    }, quietMs);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key]); // eslint-disable-line react-hooks/exhaustive-deps
  return estimate;
}
