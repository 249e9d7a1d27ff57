/** The Apollo server: limits on every operation, localized, masked errors carrying the request id, no landing page. */
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { specifiedRules, type GraphQLSchema, type ValidationRule } from 'graphql';
import type { Context } from './context.js';
import { AppError, formatError, saidNothingSaved } from './errors.js';
import { languageOf } from './language.js';
import { CostEstimates, costLimitPlugin, structuralLimits } from './limits.js';
import { comparisonResponsePlugin } from '../metrics/comparison-response.js';
import { RecordReads, recordResponsePlugin } from '../api/record-response.js';
import { operationTransactionPlugin } from './operation-transaction.js';
import { stringifyResult } from './json-text.js';
import { defaultQueryLimits, type QueryLimits } from './query-limits.js';

/**
 * What Apollo's pipeline and the known documents' fast path (server/http/known-documents.ts) answer with, one
 * instance of each for both: the validation rules, the cost estimator and the record reads' planner. (Their
 * caches are kept per parsed document, and each path parses a text once for itself.)
 */
export type OperationRules = {
  structural: ReturnType<typeof structuralLimits>;
  /** Every validation rule a document passes (graphql-js's own, then the structural limits), as Apollo applies them. */
  validationRules: readonly ValidationRule[];
  costs: CostEstimates;
  recordReads: RecordReads;
};

export function operationRules(schema: GraphQLSchema, limits: QueryLimits = defaultQueryLimits): OperationRules {
  const structural = structuralLimits(limits);
  return { structural, validationRules: [...specifiedRules, ...structural.validationRules], costs: new CostEstimates(), recordReads: new RecordReads(schema) };
}

export function createApollo(schema: GraphQLSchema, limits: QueryLimits = defaultQueryLimits, rules: OperationRules = operationRules(schema, limits)): ApolloServer<Context> {
  const { structural } = rules;
  return new ApolloServer<Context>({
    schema,
    // Introspection is for signed-in users only: the context refuses everyone else before any operation runs.
    introspection: true,
    validationRules: structural.validationRules,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    // Apollo's own signal handlers would stop it and re-raise the signal mid-drain: server.ts owns shutdown.
    stopOnTerminationSignals: false,
    stringifyResult,
    plugins: [
      ...structural.plugins,
      costLimitPlugin(limits, rules.costs),
      // Operations of comparisons or of record reads alone: answered as text PostgreSQL renders.
      comparisonResponsePlugin(schema),
      recordResponsePlugin(rules.recordReads),
      operationTransactionPlugin(),
      // No landing page: Apollo's loads Sandbox from a CDN; the console's workbench is the place for queries.
      ApolloServerPluginLandingPageDisabled(),
      // Cache-control hints would wrap every field resolver; responses are never cached by hints here.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      {
        // formatError has no context: errors are localized and tagged here, where the request is known.
        async requestDidStart({ request }) {
          const headerLanguage = languageOf(request.http?.headers.get('accept-language') ?? undefined);
          return {
            // Subscriptions are not served over HTTP (nor at all): a request that asks for one is refused as such.
            async didResolveOperation({ operation, request: { operationName } }) {
              // No operation to run (a name none has, or several and none named): refused here, before any plugin
              // plans a response for an operation that is not there.
              if (!operation) {
                throw new AppError(
                  'BAD_REQUEST',
                  operationName
                    ? { zh: `请求中没有名为 ${operationName} 的操作`, en: `The document has no operation named ${operationName}` }
                    : { zh: '请求含多个操作，请用 operationName 指明要执行哪一个', en: 'The document holds several operations: name the one to run in operationName' },
                  { http: { status: 400 } },
                );
              }
              if (operation.operation === 'subscription') {
                throw new AppError('BAD_REQUEST', { zh: '本接口不提供订阅（subscription），请改用查询（query）', en: 'Subscriptions are not served here; send a query instead' });
              }
            },
            async willSendResponse({ response, contextValue, errors }) {
              if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
              const language = contextValue?.language ?? headerLanguage;
              const requestId = contextValue?.requestId ?? 'none';
              const originals = errors ?? [];
              // An answer as text (metrics/comparison-response.ts) carries the error objects themselves.
              response.body.singleResult.errors = response.body.singleResult.errors.map((formatted, index) => {
                const error = formatError(formatted, originals[index] ?? formatted, language, requestId);
                return contextValue?.nothingSaved ? saidNothingSaved(error, language, contextValue.nothingSaved === 'said') : error;
              });
            },
          };
        },
      },
    ],
  });
}
