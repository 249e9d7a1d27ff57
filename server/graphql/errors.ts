/**
 * One error type for everything the API refuses on purpose, and the one place that turns any error into
 * what a client may see: a code, a message in the request's language, both languages, and the request id.
 */
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { log } from '../log.js';
import type { Language, Messages } from './language.js';
import { translateValidationMessage } from './validation-messages.js';

export type ErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'RATE_LIMITED' | 'BAD_REQUEST' | 'SERVICE_UNAVAILABLE' | 'INTERNAL_SERVER_ERROR';

export type { Messages };

/** An error the API raises deliberately; `extra` lands in `extensions` (field, currentVersion …). */
export class AppError extends GraphQLError {
  constructor(
    readonly code: ErrorCode,
    readonly messages: Messages,
    extra: Record<string, unknown> = {},
  ) {
    super(messages.zh, { extensions: { code, messages, ...extra } });
  }
}

const internal: Messages = { zh: '服务器内部错误，请稍后重试', en: 'Internal server error; please try again later' };
const tooSlow: Messages = { zh: '查询运行时间超过上限，已被终止：请缩小范围或减少嵌套', en: 'The query ran longer than allowed and was stopped: narrow it down or nest less' };
export const unavailable: Messages = { zh: '数据库暂时不可用，请稍后重试', en: 'The database is temporarily unavailable; please try again later' };

const nothingSaved: Messages = { zh: '本次请求的修改均未保存', en: 'nothing in this request was saved' };

/** An error of a mutation operation that was rolled back, saying so: as `extensions.saved: false`, and in words when `inWords`. */
export function saidNothingSaved(error: GraphQLFormattedError, language: Language, inWords: boolean): GraphQLFormattedError {
  const separator = language === 'en' ? '; ' : '；';
  const message = inWords ? `${error.message}${separator}${nothingSaved[language]}` : error.message;
  return { ...error, message, extensions: { ...error.extensions, saved: false } };
}

export const notSignedIn: Messages = { zh: '尚未登录或登录已过期，请重新登录', en: 'You are not signed in, or your session expired; please sign in' };

/**
 * The database refused a write naming a session that is no longer live (CA003, crc_session_actor): it ended
 * elsewhere a moment ago, before this process stopped taking it as live (server/access/sessions.ts).
 */
const sessionNotLive = 'CA003';

/**
 * A filter's `within` named a division code no region has (CA004, crc_known_division): the client's mistake,
 * said in both languages with the code (the error's hint) and the filter's path (its detail).
 */
const unknownDivision = 'CA004';

/** The BAD_USER_INPUT a database refusal of CA004 stands for; undefined for any other error. */
export function unknownDivisionError(error: unknown): AppError | undefined {
  const e = error as { code?: string; hint?: string; detail?: string } | undefined;
  if (e?.code !== unknownDivision) return undefined;
  const code = e.hint ?? '';
  return new AppError('BAD_USER_INPUT', { zh: `没有区划代码为 ${code} 的行政区划`, en: `No region has the division code ${code}` }, { field: e.detail });
}

/** Connection-level failures of PostgreSQL or the pool: the client may retry, nothing was committed. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | undefined;
  if (!e) return false;
  return (
    // 55P03: a lock not granted within lock_timeout — the database is busy, the client may retry.
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '08006', '08001', '08003', '55P03'].includes(e.code ?? '') ||
    // "Query read timeout": the client's own limit (query_timeout) on a database that stopped answering.
    /Connection terminated|Knex: Timeout acquiring a connection|connection is not available|timeout exceeded when trying to connect|Client has encountered a connection error|Query read timeout/i.test(
      e.message ?? '',
    )
  );
}

/** Codes Apollo gives errors in the request itself (syntax, validation, variables): safe to show as they are. */
const requestLevelCodes = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/**
 * Masks everything not deliberately raised: graphql-js parse/validation errors pass (they describe the
 * query, not the server); anything else is logged with its request id and replaced by a generic message.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown, language: Language, requestId: string): GraphQLFormattedError {
  // Not `instanceof GraphQLError`: a second copy of graphql (ESM beside CJS) would fail that test.
  const raised = (error as { originalError?: unknown } | undefined)?.originalError ?? error;
  const original = unknownDivisionError(raised) ?? raised;
  if (original instanceof AppError) {
    // A database refusal turned into an AppError here brings its own extensions (messages, field).
    const { stacktrace: _, ...extensions } = original === raised ? (formatted.extensions ?? {}) : { ...formatted.extensions, ...original.extensions };
    return { ...formatted, message: original.messages[language], extensions: { ...extensions, code: original.code, requestId } };
  }
  const apolloCode = typeof formatted.extensions?.code === 'string' ? formatted.extensions.code : undefined;
  if (apolloCode && requestLevelCodes.has(apolloCode)) {
    // A scalar of ours refusing a value says why in both languages; graphql-js's own messages are translated.
    const own = (original as { extensions?: { messages?: Messages } } | undefined)?.extensions?.messages;
    const translated = own ? { messages: own, limit: undefined } : translateValidationMessage(formatted.message);
    const { messages, limit } = translated;
    // Apollo clients retry with the whole query on exactly this code: it is kept, as is a request refused outright.
    const code = apolloCode.startsWith('PERSISTED_QUERY') || apolloCode === 'BAD_REQUEST' ? apolloCode : 'BAD_USER_INPUT';
    return { message: messages[language], locations: formatted.locations, extensions: { code, messages, requestId, ...(limit ? { limit } : {}) } };
  }
  if ((original as { code?: string } | undefined)?.code === sessionNotLive) {
    return { message: notSignedIn[language], path: formatted.path, extensions: { code: 'UNAUTHENTICATED', messages: notSignedIn, requestId } };
  }
  if ((original as { code?: string } | undefined)?.code === '57014') {
    // statement_timeout: the query asked too much of the database, not a fault of the server.
    return { message: tooSlow[language], path: formatted.path, extensions: { code: 'BAD_USER_INPUT', limit: 'time', messages: tooSlow, requestId } };
  }
  if (isDatabaseUnavailable(original)) {
    log.warn(`[${requestId}] database unavailable: ${(original as Error).message}`);
    return { message: unavailable[language], path: formatted.path, extensions: { code: 'SERVICE_UNAVAILABLE', messages: unavailable, requestId } };
  }
  log.error(`[${requestId}] unexpected error`, original);
  return { message: internal[language], path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR', messages: internal, requestId } };
}
