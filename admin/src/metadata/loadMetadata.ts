/**
 * Fetches the `metadata` query at each sign-in: the console has no screen until it knows the model, and
 * the model (the operations offered) is the signed-in user's.
 */
import { graphqlUrl } from '../config';
import type { Metadata } from './types';

const metadataQuery = `{ metadata {
  entities { name singular plural labelZh labelEn description icon area titleField searchFields pickerFields inMenu regional importable naturalKeys
    defaultSort { field direction } operations
    fields { name kind graphqlType required readOnly labelZh labelEn description
      options { value labelZh labelEn color } reference { entity inverse } views validator maxLength min max scale
      personal masked sortable filterable groupable measurable }
    ranges { start end } }
  areas { key labelZh labelEn }
  viewer { id username displayName role region { id code name } } } }`;

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
