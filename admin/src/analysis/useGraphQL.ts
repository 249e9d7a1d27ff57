/** The data provider's GraphQL passthrough, for the analysis screens' own queries. */
import { useDataProvider } from 'react-admin';
import type { ConsoleDataProvider } from '../dataProvider/buildDataProvider';

export function useGraphQL(): ConsoleDataProvider['query'] {
  return useDataProvider<ConsoleDataProvider>().query;
}
