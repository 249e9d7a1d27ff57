/** Fetches the `metadata` query once at start: the console has no screen until it knows the model. */
import { graphqlUrl } from '../config';
import type { Metadata } from './types';

const metadataQuery = `{ metadata {
  entities { name singular plural labelZh labelEn description icon area titleField searchFields
    defaultSort { field direction } operations
    fields { name kind graphqlType required readOnly labelZh labelEn description
      options { value labelZh labelEn color } reference { entity inverse } views validator maxLength min max scale }
    ranges { start end } }
  areas { key labelZh labelEn } } }`;

/** Loads the model description the screens are generated from; rejects with a readable message. */
export async function loadMetadata(): Promise<Metadata> {
  const response = await fetch(graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: metadataQuery }),
  });
  const body = (await response.json()) as { data?: { metadata: Metadata }; errors?: { message: string }[] };
  if (!body.data) throw new Error(body.errors?.map((error) => error.message).join('; ') ?? `HTTP ${response.status}`);
  return body.data.metadata;
}
