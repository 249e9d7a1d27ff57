/** The data provider's GraphQL passthrough, for the screens' own queries and mutations (analysis, history, passwords). */
import { useCallback } from 'react';
import { useDataProvider } from 'react-admin';
import type { ConsoleDataProvider } from './buildDataProvider';

/**
 * A stable function: react-admin's data provider hands out a new one at every property read, which as an
 * effect's dependency would run the effect again after each render it causes.
 */
export function useGraphQL(): ConsoleDataProvider['query'] {
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  return useCallback<ConsoleDataProvider['query']>(<T>(text: string, variables?: Record<string, unknown>) => dataProvider.query<T>(text, variables), [dataProvider]);
}
