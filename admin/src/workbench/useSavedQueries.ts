/** The saved queries the signed-in user sees, read when the workbench opens and again after each change. */
import { useCallback, useEffect, useState } from 'react';
import { useGraphQL } from '../dataProvider/useGraphQL';
import { listSavedQueries, type ListedQuery } from './savedQueries';

export type SavedQueries = { rows: ListedQuery[] | undefined; failure: string | undefined; reload: () => void };

export function useSavedQueries(viewerId: string): SavedQueries {
  const graphql = useGraphQL();
  const [rows, setRows] = useState<ListedQuery[]>();
  const [failure, setFailure] = useState<string>();
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let current = true;
    listSavedQueries(graphql, viewerId).then(
      (listed) => current && (setRows(listed), setFailure(undefined)),
      (error: Error) => current && setFailure(error.message),
    );
    return () => {
      current = false;
    };
  }, [graphql, viewerId, generation]);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { rows, failure, reload };
}
