/**
 * How GraphiQL reaches the API: the console's own /graphql, with the session cookie and the console's
 * language (the server's messages, refusals included, come back in it), never anything else; the operation
 * named as the text holds it (operationName.ts).
 */
import type { ComponentProps } from 'react';
import type { GraphiQLProvider } from '@graphiql/react';
import { graphqlUrl } from '../config';
import { operationNameFor } from './operationName';

export type Fetcher = ComponentProps<typeof GraphiQLProvider>['fetcher'];

/**
 * A fetcher answering with the server's body whatever its status: a query refused before it runs (a
 * syntax error, the cost limit: HTTP 400) shows its errors in the response pane like any other. A lapsed
 * session (401) is handed to `unauthenticated`, which takes the user to the sign-in page.
 */
export function createFetcher(acceptLanguage: () => string, unauthenticated: () => void): Fetcher {
  return async (params, options) => {
    const response = await fetch(graphqlUrl, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { ...options?.headers, 'content-type': 'application/json', accept: 'application/json', 'accept-language': acceptLanguage() },
      body: JSON.stringify({ ...params, operationName: operationNameFor(params.query, params.operationName) }),
    });
    if (response.status === 401) unauthenticated();
    if (!response.headers.get('content-type')?.includes('json')) return { errors: [{ message: `HTTP ${response.status} ${response.statusText}` }] };
    return response.json();
  };
}
