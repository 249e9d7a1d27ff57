/**
 * The shipped example queries: installed as shared saved queries without an owner, readable by every
 * role, and each one runs on the demo data set and answers rows.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { exampleQueries } from '../../server/workbench/examples.js';
import { loadDemoInto } from '../support/demo-database.js';
import { useTestServer, type Gql } from '../support/test-server.js';

const env = useTestServer(loadDemoInto);

type Saved = { name: string; query: string; variables: Record<string, unknown> | null; shared: boolean; owner: unknown };
let saved: Saved[];
let analyst: Gql;

beforeAll(async () => {
  analyst = await env.server.as('ANALYST');
  const answer = await analyst(`{ savedQueries(limit: 100) { nodes { name query variables shared owner { id } } } }`);
  saved = answer.data.savedQueries.nodes;
});

/** The first list in an answer, depth first: the rows (a page's nodes or an aggregate's groups). */
function firstList(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value;
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) {
      const found = firstList(child);
      if (found) return found;
    }
  }
  return undefined;
}

describe('the example queries', () => {
  it('are at least ten, installed as shared queries without an owner', () => {
    expect(exampleQueries.length).toBeGreaterThanOrEqual(10);
    expect(saved.map((query) => query.name).sort()).toEqual(exampleQueries.map((query) => query.name).sort());
    expect(saved.every((query) => query.shared && query.owner === null)).toBe(true);
  });

  it.each(exampleQueries.map((example) => [example.name, example] as const))('%s is named and described in Chinese, naming only its variables in Latin letters', (_, example) => {
    for (const text of [example.name, example.description]) expect(text).toMatch(/[\u4e00-\u9fff]/);
    expect(example.description).not.toContain(' / ');
    const variables = [...example.query.matchAll(/\$(\w+)/g)].map((match) => match[1]);
    const latin = [...`${example.name} ${example.description}`.matchAll(/[A-Za-z]\w*/g)].map((match) => match[0]);
    expect(latin.filter((word) => !variables.includes(word))).toEqual([]);
    // Every variable is explained.
    expect(variables.filter((variable) => !example.description.includes(`变量 ${variable} `))).toEqual([]);
  });

  it.each(exampleQueries.map((example) => [example.name]))('%s runs for an analyst and answers rows on the demo data', async (name) => {
    const query = saved.find((candidate) => candidate.name === name)!;
    const answer = await analyst(query.query, query.variables ?? {});
    expect(answer.errors).toBeUndefined();
    expect(firstList(answer.data)?.length, JSON.stringify(answer.data).slice(0, 300)).toBeGreaterThan(0);
  });

  it('cannot be changed by an analyst (owned by no one, shared)', async () => {
    const [first] = (await analyst(`{ savedQueries(limit: 1) { nodes { id version } } }`)).data.savedQueries.nodes;
    const answer = await analyst(`mutation { updateSavedQuery(id: "${first.id}", version: ${first.version}, input: { name: "改掉" }) { id } }`);
    expect(answer.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });
});
