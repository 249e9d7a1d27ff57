/**
 * Limits on every operation, before it runs: depth, aliases, tokens and directives through graphql-armor
 * (a maintained library, TRAPS.md), and the cost through the workbench's estimator
 * (server/workbench/query-cost.ts) — so the cost the workbench shows is the cost enforced, variables
 * included. Each refusal says which limit was broken and its value (BAD_USER_INPUT, `extensions.limit`).
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { Lexer, Source, TokenKind, type ValidationRule } from 'graphql';
import { estimateCost } from '../workbench/query-cost.js';
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

/** Refuses an operation whose estimated cost (with its variables) is above the limit. */
export function costLimitPlugin(limit: number): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request, operationName }) {
          const { cost } = estimateCost(schema, document, request.variables ?? {}, operationName);
          if (cost <= limit) return;
          throw new AppError(
            'BAD_USER_INPUT',
            {
              zh: `查询代价 ${cost} 超过上限 ${limit}：请减小每页条数（limit）或嵌套层数`,
              en: `The query's cost ${cost} is above the limit of ${limit}: ask for fewer rows per page (limit) or fewer nested levels`,
            },
            { limit: 'cost', cost, max: limit, http: { status: 400 } },
          );
        },
      };
    },
  };
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
