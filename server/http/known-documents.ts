/**
 * The fast path of /graphql for KNOWN documents: a query text already parsed and validated once here (the
 * same validation rules Apollo applies, the structural limits and the tokens limit included), whose operation
 * is record reads alone that server/api/record-response.ts answers as text. Such a request — the console's
 * and clients' everyday one — is answered without Apollo's pipeline: no hash of the text, no document store,
 * no plugin hooks, no per-request EntityManager, Writer or Reader; just who asks, the cost check, the cached
 * plan and its one statement. It is asked where everything every request passes is done: in front of Express
 * (graphql-front-door.ts: draining, CORS, the rate limiter and the JSON body as Express's chain does them), or in
 * that chain (app.ts: after the same steps and compression) for what the layer in front leaves to Express.
 *
 * It never answers differently from the ordinary way: anything it does not answer itself — not a plain POST
 * of JSON, extensions (persisted queries), an unknown, invalid or over-long text, no operation or not a
 * query, variables that do not fit, no one signed in, a cost at or over the heavy threshold, filters or a cost
 * over their limits, a refusal while planning, a plan that is not text, an Accept header it would have to
 * negotiate — goes on to Apollo, which answers or refuses it as always. So does a statement that failed, with
 * its error, which Apollo's record response plugin answers as its own rather than wait on the database again.
 */
import type express from 'express';
import { getOperationAST, parse, validate, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode, type ValidationRule } from 'graphql';
import type { Database } from '../db/database.js';
import type { FailedRead } from '../graphql/context.js';
import type { CostEstimates } from '../graphql/limits.js';
import { checkTokens } from '../graphql/limits.js';
import type { QueryLimits } from '../graphql/query-limits.js';
import type { RecordReads } from '../api/record-response.js';
import { Access, type AccessOptions } from '../access/access.js';
import { languageOf } from '../graphql/language.js';
import { sessionToken } from '../access/sign-in.routes.js';
import { admittedActor } from './rate-limit.js';

export type KnownDocumentsDeps = {
  db: Database;
  schema: GraphQLSchema;
  /** Every rule Apollo validates a document with (apollo.ts operationRules). */
  validationRules: readonly ValidationRule[];
  queryLimits: QueryLimits;
  costs: CostEstimates;
  recordReads: RecordReads;
  accessOptions: AccessOptions;
};

/**
 * The longest query text answered here, and the most text remembered (the oldest forgotten first): a client sends
 * a few dozen distinct texts, and a parsed document weighs some ten times its text, so this stays within what
 * Apollo's own document store holds (~30 MB) whatever a client sends.
 */
const longestText = 20_000;
const rememberedTextMax = 2_000_000;

/** The keys a plain GraphQL POST body may have; any other (extensions: persisted queries …) goes the ordinary way. */
const plainKeys = new Set(['query', 'variables', 'operationName']);

/** What Apollo answers as `content-type` for these Accept headers (none: application/json); any other is negotiated there. */
const plainAccept = new Set([undefined, '*/*', 'application/json']);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The request's parts when it is a plain GraphQL POST of JSON, else undefined. */
function plainRequest(request: express.Request): { query: string; variables: Record<string, unknown> | undefined; operationName: string | undefined } | undefined {
  const body: unknown = request.body;
  if (request.method !== 'POST' || !isRecord(body) || !plainAccept.has(request.headers.accept)) return undefined;
  for (const key in body) if (!plainKeys.has(key)) return undefined;
  const { query, variables, operationName } = body;
  if (typeof query !== 'string' || query.length > longestText) return undefined;
  if (variables !== undefined && variables !== null && !isRecord(variables)) return undefined;
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return undefined;
  return { query, variables: variables ?? undefined, operationName: operationName ?? undefined };
}

/**
 * The query texts seen, each parsed and validated once: its document, or null when Apollo would refuse it
 * (over the tokens limit, a syntax error, a validation error) and so must be the one to answer it.
 */
class Documents {
  private readonly byText = new Map<string, DocumentNode | null>();
  private rememberedText = 0;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly rules: readonly ValidationRule[],
    private readonly maxTokens: number,
  ) {}

  get(text: string): DocumentNode | null {
    let document = this.byText.get(text);
    if (document === undefined) {
      document = this.checked(text);
      // Oldest first out: a Map iterates in insertion order.
      for (const oldest of this.byText.keys()) {
        if (this.rememberedText + text.length <= rememberedTextMax) break;
        this.byText.delete(oldest);
        this.rememberedText -= oldest.length;
      }
      this.byText.set(text, document);
      this.rememberedText += text.length;
    }
    return document;
  }

  private checked(text: string): DocumentNode | null {
    try {
      checkTokens(text, this.maxTokens);
      const document = parse(text);
      return validate(this.schema, document, this.rules).length ? null : document;
    } catch {
      return null;
    }
  }
}

/** The operation the request names, when it is a query (mutations and subscriptions go the ordinary way). */
function queryOperation(document: DocumentNode, operationName: string | undefined): OperationDefinitionNode | undefined {
  const operation = getOperationAST(document, operationName);
  return operation?.operation === 'query' ? operation : undefined;
}

/** The fast path: `answer` for the layer in front of Express (graphql-front-door.ts), `handler` in Express's /graphql chain. */
export type KnownDocuments = {
  /**
   * The answer's text, or undefined: the ordinary way answers (a statement that failed is left on
   * `response.locals.failedRead` for it). Tried once per request: a request the layer in front of Express
   * tried and handed on is not tried again in Express's chain.
   */
  answer: (request: express.Request) => Promise<string | undefined>;
  /** `answer` as a step of Express's chain, for what the layer in front leaves to Express (compressed answers). */
  handler: express.RequestHandler;
};

export function knownDocuments({ db, schema, validationRules, queryLimits, costs, recordReads, accessOptions }: KnownDocumentsDeps): KnownDocuments {
  const documents = new Documents(schema, validationRules, queryLimits.tokens);

  const answer = async (request: express.Request): Promise<string | undefined> => {
    const locals = request.res!.locals;
    if (locals.knownDocumentTried === true) return undefined;
    locals.knownDocumentTried = true;
    const plain = plainRequest(request);
    if (!plain) return undefined;
    const document = documents.get(plain.query);
    if (!document) return undefined;
    const operation = queryOperation(document, plain.operationName);
    if (!operation) return undefined;
    // Not connected yet: the ordinary way says so (503).
    if (!db.orm || !db.readPool || !db.metricFacts || !db.sessions) return undefined;
    const { cost, filterTerms } = costs.of(schema, document, operation.name?.value, plain.variables);
    // A refusal, or the heavy pool and its admission: the cost limit plugin's (limits.ts).
    if (filterTerms > queryLimits.filterTerms || cost > queryLimits.cost || cost >= queryLimits.heavyCost) return undefined;
    // The rate limiter looked the session up (cached ≤ 1 s, sessions.ts); when it did not, as the context does.
    const admitted = admittedActor(request);
    const actor = admitted !== undefined ? admitted : await db.sessions.resolve(sessionToken(request));
    if (!actor) return undefined;
    const access = new Access(actor, accessOptions);
    // The request's language, as the context takes it (app.ts): aggregates' labels are words in it.
    const plan = recordReads.plan(document, operation, plain.variables, access, languageOf(request.headers['accept-language']));
    if (!plan) return undefined;
    // Analysts read through their own pool, as in the context (app.ts).
    const pool = (actor.role === 'ANALYST' && db.analystPool) || db.readPool;
    try {
      return `{"data":${await recordReads.dataText(plan, pool)}}`;
    } catch (error) {
      // Said by the ordinary way, which answers this plan's failure as its own (record-response.ts) instead of
      // running it again: a stalled database is waited on once.
      const failed: FailedRead = { statement: plan.statement, error };
      locals.failedRead = failed;
      return undefined;
    }
  };

  const handler: express.RequestHandler = (request, response, next) => {
    answer(request).then(
      (text) => {
        if (text === undefined) return next();
        // As Apollo's Express integration writes a single result: its content type, then Express's send.
        response.setHeader('content-type', 'application/json');
        response.send(text);
      },
      // The session lookup failed: the ordinary way looks again and says what went wrong.
      () => next(),
    );
  };
  return { answer, handler };
}
