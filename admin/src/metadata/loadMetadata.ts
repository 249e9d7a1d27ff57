/**
 * Fetches the `metadata` query at each sign-in: the console has no screen until it knows the model, and
 * the model (the operations offered) is the signed-in user's.
 */
import { graphqlUrl } from '../config';
import type { Metadata } from './types';
import { metadataQuery } from './metadataQuery';

type Answer = { data?: { metadata: Metadata }; errors?: { message: string; extensions?: { code?: string } }[] };

/** The model as the signed-in user sees it; null when nobody is signed in; rejects with a readable message. */
export async function loadMetadata(): Promise<Metadata | null> {
  const response = await fetch(graphqlUrl, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: metadataQuery }),
  });
  const body = (await response.json().catch(() => ({}))) as Answer;
  if (body.errors?.[0]?.extensions?.code === 'UNAUTHENTICATED') return null;
  if (!body.data) throw new Error(body.errors?.map((error) => error.message).join('; ') ?? `HTTP ${response.status}`);
  return body.data.metadata;
}
