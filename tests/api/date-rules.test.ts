/**
 * Dates that cannot be (issue 18, defect 4): the order of a record's dates holds across every pair that has
 * one, not only between neighbours, and the date of something that has happened is not later than today.
 */
import { describe, expect, it } from 'vitest';
import { domainEntities } from '../../schema/entities.js';
import { modelOf } from '../../schema/model/registry.js';
import { todayInChina } from '../../schema/shared/validators.js';
import { recordCreator, sampleInput, type CreateRecord } from '../support/samples.js';
import { useTestServer } from '../support/test-server.js';

const env = useTestServer();
let creator: CreateRecord | undefined;
const create: CreateRecord = (model, seed) => (creator ??= recordCreator(env.server))(model, seed);
const named = (name: string) => modelOf(domainEntities.find((entity) => modelOf(entity).name === name)!);

describe('impossible dates', () => {
  it('refuses a suggestion reviewed before it was submitted: the workflow orders its steps’ dates', async () => {
    const id = await create(named('Suggestion'), 950);
    const { data } = await env.server.gql(`{ suggestion(id: "${id}") { version submittedOn } }`);
    const refused = await env.server.gql(`mutation { reviewSuggestion(id: "${id}", version: ${data.suggestion.version}, input: { decision: ACCEPT, reviewedOn: "2020-01-01" }) { id } }`);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.reviewedOn' });
    expect(refused.errors?.[0]?.message).toBe(`日期不能早于${data.suggestion.submittedOn}（上一步的日期）`);
    expect((await env.server.gql(`{ suggestion(id: "${id}") { status } }`)).data.suggestion.status).toBe('SUBMITTED');
  });

  it('refuses a station founded in the future, and takes one founded today', async () => {
    const input = await sampleInput(named('LiaisonStation'), 951, create);
    const refused = await env.server.gql(`mutation ($input: LiaisonStationCreateInput!) { createLiaisonStation(input: $input) { id } }`, {
      input: { ...input, establishedOn: '2030-01-01' },
    });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.establishedOn' });
    expect(refused.errors?.[0]?.message).toBe('建成日期：这是已经发生的事，日期不能晚于今天');
    const today = todayInChina();
    const taken = await env.server.gql(`mutation ($input: LiaisonStationCreateInput!) { createLiaisonStation(input: $input) { establishedOn } }`, {
      input: { ...input, establishedOn: today },
    });
    expect(taken.errors).toBeUndefined();
    expect(taken.data.createLiaisonStation.establishedOn).toBe(today);
  });

  it('publishes both to the console: every ordered pair, and the validator of each date of what has happened', async () => {
    const { data } = await env.server.gql(`{ metadata { entities { name ranges { start end } fields { name validator } } } }`);
    const suggestion = data.metadata.entities.find((entity: { name: string }) => entity.name === 'Suggestion');
    expect(suggestion.ranges).toContainEqual({ start: 'submittedOn', end: 'answeredOn' });
    expect(suggestion.ranges).toContainEqual({ start: 'submittedOn', end: 'closedOn' });
    const station = data.metadata.entities.find((entity: { name: string }) => entity.name === 'LiaisonStation');
    expect(station.fields.find((field: { name: string }) => field.name === 'establishedOn').validator).toBe('happened');
  });
});
