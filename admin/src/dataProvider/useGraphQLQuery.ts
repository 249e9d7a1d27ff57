/**
 * A screen's own GraphQL read through react-query, the cache react-admin's data hooks share: loading, errors and
 * refetching handled once, instead of an effect and three pieces of state per screen (STYLE.md, lessons).
 */
import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import { useGraphQL } from './useGraphQL';

/**
 * Runs `read` (one or more requests through the data provider's `query`) under `key`; nothing runs while
 * `enabled` is false (a choice the read needs is not made yet).
 */
export function useGraphQLQuery<T>(key: readonly unknown[], read: (graphql: ReturnType<typeof useGraphQL>) => Promise<T>, enabled = true): UseQueryResult<T, Error> {
  const graphql = useGraphQL();
  // Reports are read once per choice: no refetch when the window regains focus in the middle of printing.
  return useQuery({ queryKey: ['crc', ...key], queryFn: () => read(graphql), enabled, refetchOnWindowFocus: false, staleTime: 60_000 });
}
