/** The Apollo server: localized, masked errors carrying the request id; introspection on (the console needs it). */
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { Context } from './context.js';
import { formatError } from './errors.js';
import { languageOf } from './language.js';

export function createApollo(schema: GraphQLSchema): ApolloServer<Context> {
  return new ApolloServer<Context>({
    schema,
    introspection: true,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    // Apollo's own signal handlers would stop it and re-raise the signal mid-drain: server.ts owns shutdown.
    stopOnTerminationSignals: false,
    // Compact JSON (Apollo pretty-prints by default: a third more bytes and time for nothing).
    stringifyResult: (value) => JSON.stringify(value),
    plugins: [
      // Cache-control hints would wrap every field resolver; responses are never cached by hints here.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      {
        // formatError has no context: errors are localized and tagged here, where the request is known.
        async requestDidStart({ request }) {
          const headerLanguage = languageOf(request.http?.headers.get('accept-language') ?? undefined);
          return {
            async willSendResponse({ response, contextValue, errors }) {
              if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
              const language = contextValue?.language ?? headerLanguage;
              const requestId = contextValue?.requestId ?? 'none';
              const originals = errors ?? [];
              response.body.singleResult.errors = response.body.singleResult.errors.map((formatted, index) =>
                formatError(formatted, originals[index], language, requestId),
              );
            },
          };
        },
      },
    ],
  });
}
