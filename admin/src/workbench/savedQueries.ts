/**
 * Saved queries through the generic API (`SavedQuery`): the list the panel shows, each marked as the
 * user's own, an example or shared by someone else, and saving, renaming and deleting. Ownership comes
 * from filters, not from `owner`: only those who may read users see an owner, everyone else gets null.
 */
import type { ConsoleDataProvider } from '../dataProvider/buildDataProvider';

type GraphQL = ConsoleDataProvider['query'];

/** mine: the user saved it (they alone change it); example: shipped with the product (no owner); shared: someone else's, shared. */
export type SavedQueryKind = 'mine' | 'example' | 'shared';

export type SavedQuery = {
  id: string;
  name: string;
  description: string | null;
  query: string;
  variables: Record<string, unknown> | null;
  shared: boolean;
  version: number;
};

export type ListedQuery = SavedQuery & { kind: SavedQueryKind };

/** What the save and rename dialog edits. */
export type SavedQueryDetails = { name: string; description: string; shared: boolean };

const fields = 'id name description query variables shared version';

/** Far more than anyone keeps: the panel lists them all, without paging. */
const listSize = 1000;

const listQuery = `query WorkbenchSavedQueries($me: ID!) {
  all: savedQueries(limit: ${listSize}, orderBy: [{ field: name }]) { nodes { ${fields} } }
  mine: savedQueries(where: { owner: { id: { eq: $me } } }, limit: ${listSize}) { nodes { id } }
  examples: savedQueries(where: { NOT: { owner: {} } }, limit: ${listSize}) { nodes { id } }
}`;

type Ids = { nodes: { id: string }[] };

/** Every saved query the user sees (their own, examples, others' shared ones), each with its kind. */
export async function listSavedQueries(graphql: GraphQL, viewerId: string): Promise<ListedQuery[]> {
  const { all, mine, examples } = await graphql<{ all: { nodes: SavedQuery[] }; mine: Ids; examples: Ids }>(listQuery, { me: viewerId });
  const ids = (list: Ids) => new Set(list.nodes.map((node) => node.id));
  const [own, shipped] = [ids(mine), ids(examples)];
  return all.nodes.map((node) => ({ ...node, kind: own.has(node.id) ? 'mine' : shipped.has(node.id) ? 'example' : 'shared' }));
}

/** One saved query by its id (a shared link); null when it does not exist or the user may not see it. */
export async function readSavedQuery(graphql: GraphQL, id: string): Promise<SavedQuery | null> {
  const { savedQuery } = await graphql<{ savedQuery: SavedQuery | null }>(`query WorkbenchSavedQuery($id: ID!) { savedQuery(id: $id) { ${fields} } }`, { id });
  return savedQuery;
}

export async function createSavedQuery(graphql: GraphQL, details: SavedQueryDetails, query: string, variables: Record<string, unknown> | null): Promise<SavedQuery> {
  const input = { name: details.name, description: details.description || null, shared: details.shared, query, variables };
  const { createSavedQuery } = await graphql<{ createSavedQuery: SavedQuery }>(`mutation WorkbenchSaveQuery($input: SavedQueryCreateInput!) { createSavedQuery(input: $input) { ${fields} } }`, {
    input,
  });
  return createSavedQuery;
}

export async function updateSavedQuery(graphql: GraphQL, saved: SavedQuery, details: SavedQueryDetails): Promise<SavedQuery> {
  const input = { name: details.name, description: details.description || null, shared: details.shared };
  const { updateSavedQuery } = await graphql<{ updateSavedQuery: SavedQuery }>(
    `mutation WorkbenchRenameQuery($id: ID!, $version: Int!, $input: SavedQueryUpdateInput!) { updateSavedQuery(id: $id, version: $version, input: $input) { ${fields} } }`,
    { id: saved.id, version: saved.version, input },
  );
  return updateSavedQuery;
}

export async function deleteSavedQuery(graphql: GraphQL, saved: SavedQuery): Promise<void> {
  await graphql(
    `
      mutation WorkbenchDeleteQuery($id: ID!, $version: Int!) {
        deleteSavedQuery(id: $id, version: $version) {
          id
        }
      }
    `,
    { id: saved.id, version: saved.version },
  );
}
