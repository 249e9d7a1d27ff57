/**
 * `POST /export { query, variables, operationName, format: 'csv' | 'json' | 'xlsx', filename }`: a list query's
 * every row, streamed to the download, in the list's order when it gives one. The query is walked by keyset,
 * or by offset in a requested order (export-plan.ts), in pages of 1,000
 * through the same GraphQL execution as /graphql — the same access rules, masking and audit — and each
 * page is written out (export-formats.ts) and dropped before the next is read, so memory stays flat at any
 * size. CSV and xlsx have the model's labels as headers.
 */
import { contentDisposition } from '../http/content-disposition.js';
import type { ApolloServer } from '@apollo/server';
import type express from 'express';
import type { GraphQLSchema } from 'graphql';
import { servedEntities } from '../../schema/entities.js';
import { modelOf } from '../../schema/model/registry.js';
import type { Context } from '../graphql/context.js';
import { AppError } from '../graphql/errors.js';
import { dataObjects } from '../graphql/json-text.js';
import { sendRouteError } from '../http/route-errors.js';
import { contentTypes, exportFormats, exportWriter, type ExportFormat, type ExportWriter } from './export-formats.js';
import { afterVariable, limitVariable, offsetVariable, planExport } from './export-plan.js';

export const exportPageSize = 1000;

const models = new Map(servedEntities.map((entity) => [modelOf(entity).name, modelOf(entity)]));

export function exportRoute(apollo: ApolloServer<Context>, schema: GraphQLSchema, contextFor: (request: express.Request) => Promise<Context>): express.RequestHandler {
  return async (request, response) => {
    const { query, variables, operationName, format = 'csv', filename = 'export' } = (request.body ?? {}) as Record<string, unknown>;
    const fail = (error: unknown) => sendRouteError(request, response, error);
    let context: Context;
    try {
      context = await contextFor(request);
      if (typeof query !== 'string' || !exportFormats.includes(format as ExportFormat)) {
        throw new AppError('BAD_USER_INPUT', { zh: '请提供查询文本和格式（csv、json 或 xlsx）', en: 'Give the query text and a format (csv, json or xlsx)' }, { field: 'query' });
      }
    } catch (error) {
      return fail(error);
    }
    let plan;
    try {
      plan = planExport(schema, query, models, context.language, operationName as string | undefined);
    } catch (error) {
      return fail(error);
    }

    let closed = false;
    response.once('close', () => (closed = true));
    let after = '0';
    let offset = 0;
    let writer: ExportWriter | undefined;
    for (;;) {
      const pager = plan.walk === 'offset' ? { [offsetVariable]: offset } : { [afterVariable]: after };
      const result = await apollo.executeOperation(
        { query: plan.query, variables: { ...((variables as Record<string, unknown>) ?? {}), ...pager, [limitVariable]: exportPageSize } },
        { contextValue: context },
      );
      const single = result.body.kind === 'single' ? result.body.singleResult : undefined;
      if (!single || single.errors?.length || !single.data) {
        // Before the first byte, the error is the answer; after it, the download is cut (it must not look complete).
        if (!writer) return response.status(400).json({ errors: single?.errors ?? [{ message: 'export failed' }] });
        response.destroy();
        return;
      }
      const nodes = (dataObjects(single.data)[plan.rootKey] as { nodes: Record<string, unknown>[] }).nodes ?? [];
      if (!writer) {
        response.status(200).set({ 'content-type': contentTypes[format as ExportFormat], 'content-disposition': contentDisposition(`${String(filename)}.${format}`) });
        writer = exportWriter(format as ExportFormat, response, { columns: plan.columns, language: context.language, title: String(filename) });
      }
      await writer.page(nodes);
      if (closed) return;
      if (nodes.length < exportPageSize) break;
      after = String(nodes[nodes.length - 1][plan.cursor]);
      offset += nodes.length;
    }
    await writer.end();
    response.end();
  };
}
