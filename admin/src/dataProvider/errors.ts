/**
 * Reads the API's errors (extensions.code, extensions.field, extensions.currentVersion) into what the
 * screens act on: a CONFLICT becomes a ConflictError for the conflict dialog; input errors become
 * react-admin's `body.errors`, shown on the field they concern (`input.<name>` → `<name>`, `password` → `password`).
 */
import { HttpError } from 'react-admin';

type FieldRefusal = { field?: string; messages?: { zh: string; en: string } };
type ApiError = { message: string; extensions?: { code?: string; field?: string; currentVersion?: number; fields?: FieldRefusal[]; messages?: { zh: string; en: string } } };

/** Someone saved the record after it was loaded: the user decides to reload or to overwrite. */
export class ConflictError extends HttpError {
  constructor(
    message: string,
    readonly currentVersion: number,
  ) {
    super(message, 409, { code: 'CONFLICT', currentVersion });
  }
}

export const isConflict = (error: unknown): error is ConflictError => error instanceof ConflictError || (error as { body?: { code?: string } } | null)?.body?.code === 'CONFLICT';

const statusOf: Record<string, number> = { BAD_USER_INPUT: 400, UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409, RATE_LIMITED: 429, SERVICE_UNAVAILABLE: 503 };

/** The GraphQL errors inside whatever the GraphQL core threw (an HttpError wrapping an ApolloError, or a bare one from introspection). */
function apiErrors(error: unknown): ApiError[] {
  const failure = error as { body?: { graphQLErrors?: ApiError[] }; graphQLErrors?: ApiError[] } | null;
  return failure?.body?.graphQLErrors ?? failure?.graphQLErrors ?? [];
}

/** Whether a failed request (as toProviderError gave it) means nobody is signed in any more: react-admin then asks the user to sign in. */
export const isUnauthenticated = (error: unknown): boolean => (error as { status?: number } | null)?.status === 401;

/** Arguments that address the record rather than hold a value the user typed: never a form field. */
const addressing = new Set(['id', 'version']);

/**
 * The form source an input error concerns: a field of the input (`input.<name>`), or an argument of the
 * mutation's own that the form holds under the same name (a new user's `password`); none otherwise.
 */
function sourceOf(item: ApiError): string | undefined {
  const field = item.extensions?.field;
  if (!field) return undefined;
  if (field.startsWith('input.')) return field.slice('input.'.length);
  return item.extensions?.code === 'BAD_USER_INPUT' && !field.includes('.') && !addressing.has(field) ? field : undefined;
}

/** Maps a failed request to the error react-admin and the conflict dialog understand. */
export function toProviderError(error: unknown): unknown {
  const errors = apiErrors(error);
  if (errors.length === 0) return error;
  const [first] = errors;
  const code = first.extensions?.code ?? 'INTERNAL_SERVER_ERROR';
  if (code === 'CONFLICT') return new ConflictError(first.message, first.extensions?.currentVersion ?? 0);
  const message = errors.map((item) => item.message).join('；');
  // One input refused on several fields at once (extensions.fields): each field gets its own message.
  const items = errors.flatMap((item): ApiError[] => {
    // In the language the server answered in (its message is one of its two).
    const language = item.message === item.extensions?.messages?.en ? 'en' : 'zh';
    return item.extensions?.fields?.length
      ? item.extensions.fields.map((refusal) => ({ message: refusal.messages?.[language] ?? item.message, extensions: { code: item.extensions?.code, field: refusal.field } }))
      : [item];
  });
  const onFields = items.map((item) => [sourceOf(item), item.message] as const).filter(([source]) => source !== undefined);
  return new HttpError(message, statusOf[code] ?? 500, onFields.length ? { errors: Object.fromEntries(onFields), code } : { code });
}
