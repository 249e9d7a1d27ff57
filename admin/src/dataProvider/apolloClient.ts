/** The Apollo client under the data provider: sends the console's language and the session cookie, reads 400 and 401 answers' errors. */
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, from } from '@apollo/client';
import { graphqlUrl } from '../config';

/** Refusals that come with a normal `errors` body rather than a GraphQL result. */
const answeredStatuses = new Set([400, 401]);

/**
 * GraphQL request errors (a missing required input, a malformed scalar: HTTP 400) and a request without
 * a live session (401, UNAUTHENTICATED) come with a normal `errors` body; handing them on as GraphQL
 * errors lets the console show their localized messages and tell a lapsed session by its code.
 */
const fetchKeepingErrors: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  if (!answeredStatuses.has(response.status) || !response.headers.get('content-type')?.includes('json')) return response;
  return new Response(await response.text(), { status: 200, headers: response.headers });
};

/** A client whose every request carries `Accept-Language` as the console's current language. */
export function createApolloClient(acceptLanguage: () => string) {
  const language = new ApolloLink((operation, forward) => {
    operation.setContext(({ headers = {} }: { headers?: Record<string, string> }) => ({ headers: { ...headers, 'accept-language': acceptLanguage() } }));
    return forward(operation);
  });
  return new ApolloClient({
    link: from([language, new HttpLink({ uri: graphqlUrl, fetch: fetchKeepingErrors, credentials: 'same-origin' })]),
    cache: new InMemoryCache(),
    defaultOptions: { query: { fetchPolicy: 'no-cache' }, mutate: { fetchPolicy: 'no-cache' } },
  });
}
