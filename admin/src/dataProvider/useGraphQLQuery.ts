/**
 * A screen's own GraphQL read through react-query, the cache react-admin's data hooks share: loading, errors and
 * refetching handled once, instead of an effect and three pieces of state per screen (STYLE.md, lessons).
 */
import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import { useGraphQL } from './useGraphQL';

/** How fresh a read must be: what is due today (tasks, the deadline badge) is read again sooner than a report. */
export type Freshness = { staleTime?: number; refetchInterval?: number; refetchOnWindowFocus?: boolean };

/**
 * Runs `read` (one or more requests through the data provider's `query`) under `key`; nothing runs while
 * `enabled` is false (a choice the read needs is not made yet).
 */
export function useGraphQLQuery<T>(key: readonly unknown[], read: (graphql: ReturnType<typeof useGraphQL>) => Promise<T>, enabled = true, freshness: Freshness = {}): UseQueryResult<T, Error> {
  const graphql = useGraphQL();
  // Reports are read once per choice: no refetch when the window regains focus in the middle of printing.
  return useQuery({ queryKey: ['crc', ...key], queryFn: () => read(graphql), enabled, refetchOnWindowFocus: false, staleTime: 60_000, ...freshness });
}
