/**
 * Limits on every operation, before it runs: depth, aliases, tokens and directives through graphql-armor
 * (a maintained library, TRAPS.md), and the cost through the workbench's estimator
 * (server/workbench/query-cost.ts) — so the cost the workbench shows is the cost enforced, variables
 * included. Each refusal says which limit was broken and its value (BAD_USER_INPUT, `extensions.limit`).
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { Lexer, Source, TokenKind, type DocumentNode, type GraphQLSchema, type ValidationRule } from 'graphql';
import { estimateCost, type QueryCost } from '../workbench/query-cost.js';
import { PerDocument, variablesKey } from './per-document.js';
import type { Context } from './context.js';
import { AppError } from './errors.js';
import type { QueryLimits } from './query-limits.js';

/** The structural limits as validation rules and the plugins that go with them. */
export function structuralLimits(limits: QueryLimits): { validationRules: ValidationRule[]; plugins: ApolloServerPlugin<Context>[] } {
  const { validationRules, plugins } = new ApolloArmor({
    maxDepth: { n: limits.depth, ignoreIntrospection: true, flattenFragments: true, exposeLimits: true },
    maxAliases: { n: limits.aliases, exposeLimits: true },
    // Tokens are counted by checkTokens below: armor's counter throws where Apollo answers 500.
    maxTokens: { enabled: false },
    maxDirectives: { n: limits.directives, exposeLimits: true },
    // The cost is ours (below): one estimator for the workbench and the limit.
    costLimit: { enabled: false },
    // No "Did you mean …?": the schema is not revealed field by field to whoever guesses.
    blockFieldSuggestion: { enabled: true },
  }).protect();
  return { validationRules, plugins: plugins as ApolloServerPlugin<Context>[] };
}

/**
 * Operations' estimated costs, remembered per document, operation and variables (the estimate depends on
 * nothing else): one instance serves the cost limit below and the known documents' fast path
 * (server/http/known-documents.ts), which estimate alike.
 */
export class CostEstimates {
  private readonly estimates = new PerDocument<QueryCost>();

  of(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown> | undefined): QueryCost {
    return this.estimates.get(document, `${operationName ?? ''}|${variablesKey(variables)}`, () => estimateCost(schema, document, variables ?? {}, operationName));
  }
}

/** Whether an operation of this cost is read on the heavy pool (after its admission is counted). */
export const isHeavy = (cost: number, limits: Pick<QueryLimits, 'heavyCost'>): boolean => cost >= limits.heavyCost;

/**
 * Refuses an operation whose estimated cost (with its variables) is above the limit, or whose filters hold
 * more conditions than allowed; and moves one whose cost makes it heavy to the heavy pool, so that staff's
 * interactive reads never wait behind it.
 */
export function costLimitPlugin(limits: Pick<QueryLimits, 'cost' | 'filterTerms' | 'heavyCost'>, estimates: CostEstimates = new CostEstimates()): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request, operationName, contextValue }) {
          const { cost, filterTerms } = estimates.of(schema, document, operationName, request.variables);
          if (filterTerms > limits.filterTerms) {
            throw new AppError(
              'BAD_USER_INPUT',
              {
                zh: `筛选条件共 ${filterTerms} 项，超过上限 ${limits.filterTerms}：请减少条件，或用 in 列出取值`,
                en: `The filters hold ${filterTerms} conditions, above the limit of ${limits.filterTerms}: use fewer, or list values with in`,
              },
              { limit: 'filterTerms', filterTerms, max: limits.filterTerms, http: { status: 400 } },
            );
          }
          if (cost > limits.cost) {
            throw new AppError(
              'BAD_USER_INPUT',
              {
                zh: `查询代价 ${cost} 超过上限 ${limits.cost}：请减小每页条数（limit）或嵌套层数`,
                en: `The query's cost ${cost} is above the limit of ${limits.cost}: ask for fewer rows per page (limit) or fewer nested levels`,
              },
              { limit: 'cost', cost, max: limits.cost, http: { status: 400 } },
            );
          }
          if (isHeavy(cost, limits)) {
            const retryAfter = await contextValue.admitHeavy();
            if (retryAfter) {
              throw new AppError(
                'RATE_LIMITED',
                { zh: `复杂查询过于频繁，请 ${retryAfter} 秒后再试`, en: `Too many heavy queries; try again in ${retryAfter} s` },
                { limit: 'heavy', retryAfter, http: { status: 429, headers: new Map([['retry-after', String(retryAfter)]]) } },
              );
            }
            moveToHeavyPool(contextValue);
          }
        },
      };
    },
  };
}

/** Reads of this operation from now on go through the heavy pool, whoever asks. */
function moveToHeavyPool(context: Context): void {
  if (context.readPool === context.pools.heavy) return;
  context.readPool = context.pools.heavy;
  context.reader = context.reader.on(context.pools.heavy);
}

/**
 * Refuses a query text of more than `max` tokens before it is parsed (a huge document costs to parse).
 * Called while the request's context is made, where a refusal's HTTP status holds (in a plugin hook
 * before parsing, Apollo answers 500).
 */
export function checkTokens(text: unknown, max: number): void {
  if (typeof text !== 'string') return;
  const lexer = new Lexer(new Source(text));
  let count = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) {
      count += 1;
      if (count > max) {
        throw new AppError('BAD_USER_INPUT', { zh: `查询过长，超过 ${max} 个词法单元`, en: `The query is longer than ${max} tokens` }, { limit: 'tokens', max, http: { status: 400 } });
      }
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    // A lexical error: the parser reports it properly next.
  }
}
