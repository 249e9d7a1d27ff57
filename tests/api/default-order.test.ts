/**
 * A list in its default order reads its page from an index, for every model whose order an index must be
 * made for (an enum's declared order: server/db/order-indexes.ts) — generated from the models, so a default
 * order declared tomorrow is held to it too. Checked on the list statement the API really sends, planned
 * generically (as a prepared statement is) with sorting and sequential scans priced out: a Sort left in the
 * plan means no index serves the order. And the lead of a suggestion (submitter, handler) comes first.
 */
import { describe, expect, it } from 'vitest';
import { servedEntities } from '../../schema/entities.js';
import { modelOf } from '../../schema/model/registry.js';
import { inflection } from '../../schema/shared/inflection.js';
import { orderIndex } from '../../server/db/order-indexes.js';
import { useTestServer } from '../support/test-server.js';

const env = useTestServer();

type PlanNode = { 'Node Type': string; 'Index Name'?: string; Plans?: PlanNode[] };
const nodes = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodes)];

const indexed = servedEntities.map((entity) => modelOf(entity)).filter((model) => orderIndex(model));

describe('default orders', () => {
  it('are found for the models that need an index of their own', () => {
    expect(indexed.map((model) => model.name)).toEqual(expect.arrayContaining(['Deputy', 'GroupMembership', 'SuggestionHandling']));
  });

  it.each(indexed.map((model) => [model.name, model] as const))('%s: its default-ordered page is read from its order index, not sorted', async (_name, model) => {
    const statements: string[] = [];
    const stop = env.server.db.readPool!.onQuery((text) => statements.push(text));
    const answer = await env.server.gql(`{ ${inflection.list(model)}(limit: 5) { nodes { id } } }`);
    stop();
    expect(answer.errors).toBeUndefined();
    const [statement] = statements;
    const client = await env.database.superClient();
    try {
      await client.query('set enable_sort = off; set enable_seqscan = off');
      const { rows } = await client.query(`explain (generic_plan, format json) ${statement}`);
      const plan = nodes((rows[0]['QUERY PLAN'] as { Plan: PlanNode }[])[0].Plan);
      expect(plan.filter((node) => node['Node Type'] === 'Sort' || node['Node Type'] === 'Incremental Sort')).toEqual([]);
      expect(plan.map((node) => node['Index Name'])).toContain(orderIndex(model)!.name);
    } finally {
      await client.end();
    }
  });

  it('puts the lead first: a suggestion’s lead deputy and lead handling unit', () => {
    for (const name of ['SuggestionSubmitter', 'SuggestionHandling']) {
      const model = indexed.find((candidate) => candidate.name === name)!;
      const role = model.fields.find((field) => field.name === 'role')!;
      const [sort] = model.defaultSort;
      expect([sort.field, sort.direction, role.enum!.values[0]]).toEqual(['role', 'ASC', 'LEAD']);
    }
  });
});
