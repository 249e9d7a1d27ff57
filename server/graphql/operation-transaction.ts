/**
 * One transaction per GraphQL operation (Hasura's semantics): every mutation of a mutation operation writes
 * in the same transaction, and their answers are read in it; if any of them fails, nothing of the operation
 * is saved, `data` is null and every error says so (`extensions.saved: false`; in its message too when the
 * operation held several mutations, whose client could otherwise think some were saved). Bulk
 * mutations and everything else that writes go through the same writer, so through the same transaction.
 */
import type { ApolloServerPlugin, GraphQLResponse } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import { execute, type ExecutionResult } from 'graphql';
import { getVariableValues } from 'graphql/execution/values.js';
import type { Context } from './context.js';
import { AppError, isDatabaseUnavailable, unavailable } from './errors.js';

const response = (singleResult: ExecutionResult): GraphQLResponse => ({
  http: { status: undefined, headers: new HeaderMap() },
  body: { kind: 'single', singleResult },
});

export function operationTransactionPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async responseForOperation({ schema, document, operation, request, contextValue }) {
          if (operation.operation !== 'mutation') return null;
          // Variables that do not fit: refused by Apollo as usual (nothing would run, nothing to roll back).
          if (getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {}).errors) return null;
          const { readPool, reader } = contextValue;
          try {
            const result = await contextValue.writer.operation(
              contextValue.pools.interactive,
              (rows) => {
                // The answers are read on the transaction's connection: what was written, before the commit.
                contextValue.readPool = rows;
                contextValue.reader = reader.on(rows);
                return Promise.resolve(execute({ schema, document, contextValue, variableValues: request.variables, operationName: request.operationName }));
              },
              (result) => !result.errors?.length,
            );
            if (!result.errors?.length) return response(result);
            // A lone mutation's error says enough; with several, the client must learn that none was saved.
            contextValue.nothingSaved = operation.selectionSet.selections.length > 1 ? 'said' : 'marked';
            return response({ data: null, errors: result.errors });
          } catch (error) {
            // The database went away mid-operation (its transaction could not begin or ended under it): a 503 the
            // client may retry, not the 500 Apollo gives an error thrown from a plugin.
            if (!isDatabaseUnavailable(error)) throw error;
            contextValue.nothingSaved = 'marked';
            return response({ data: null, errors: [new AppError('SERVICE_UNAVAILABLE', unavailable, { http: { status: 503 } })] });
          } finally {
            contextValue.readPool = readPool;
            contextValue.reader = reader;
          }
        },
      };
    },
  };
}
