/**
 * The pairs of equivalent requests `npm run bench:peer` measures: each written by hand twice, once for our
 * API and once for what PostGraphile 5's Amber preset exposes over the same tables (`allDeputies`,
 * `personByRowId`, relations named `…By<Column>`, `condition:`), asking for the same rows in the same order
 * (by id: our `orderBy: [{ field: id }]`, the peer's `PRIMARY_KEY_ASC`) and the same columns, so that the
 * two answers hold the same leaf values.
 */

export type Request = { query: string; variables: Record<string, unknown> };
export type Pair = { name: string; ours: Request; peer: Request };

/** What the pairs look up: a person with ten seats (the bench adds one) and a county's deputies. */
export type PairIds = { personId: string; regionId: string };

const byId = 'orderBy: [{ field: id }]';

export function pairs(ids: PairIds): Pair[] {
  return [
    {
      name: 'nested list: 25 deputies (person, region, memberships → group → region, assignments → station → region)',
      ours: {
        query: `query Nested($limit: Int!) { deputies(limit: $limit, ${byId}) { totalCount nodes {
          id level termNumber electedOn
          person { id name gender }
          region { id code name }
          memberships(limit: 5, ${byId}) { totalCount nodes { id role joinedOn group { id name kind region { id name } } } }
          assignments(limit: 5, ${byId}) { totalCount nodes { id startsOn station { id name kind region { id name } } } } } } }`,
        variables: { limit: 25 },
      },
      peer: {
        query: `query Nested($limit: Int!) { allDeputies(first: $limit, orderBy: PRIMARY_KEY_ASC) { totalCount nodes {
          rowId level termNumber electedOn
          personByPersonId { rowId name gender }
          regionByRegionId { rowId code name }
          groupMembershipsByDeputyId(first: 5, orderBy: PRIMARY_KEY_ASC) { totalCount nodes {
            rowId role joinedOn deputyGroupByGroupId { rowId name kind regionByRegionId { rowId name } } } }
          stationAssignmentsByDeputyId(first: 5, orderBy: PRIMARY_KEY_ASC) { totalCount nodes {
            rowId startsOn liaisonStationByStationId { rowId name kind regionByRegionId { rowId name } } } } } } }`,
        variables: { limit: 25 },
      },
    },
    {
      name: 'flat list: 100 deputies × 4 columns',
      ours: { query: `query Flat($limit: Int!) { deputies(limit: $limit, ${byId}) { nodes { id level termNumber electedOn } } }`, variables: { limit: 100 } },
      peer: {
        query: `query Flat($limit: Int!) { allDeputies(first: $limit, orderBy: PRIMARY_KEY_ASC) { nodes { rowId level termNumber electedOn } } }`,
        variables: { limit: 100 },
      },
    },
    {
      name: 'one person by id with 10 seats and their regions',
      ours: {
        query: `query Person($id: ID!) { person(id: $id) { id name gender
          seats(limit: 10, ${byId}) { totalCount nodes { id level termNumber electedOn region { id code name } } } } }`,
        variables: { id: ids.personId },
      },
      peer: {
        query: `query Person($id: BigInt!) { personByRowId(rowId: $id) { rowId name gender
          deputiesByPersonId(first: 10, orderBy: PRIMARY_KEY_ASC) { totalCount nodes { rowId level termNumber electedOn regionByRegionId { rowId code name } } } } }`,
        variables: { id: ids.personId },
      },
    },
    {
      name: "filtered list: a county's deputies, first 25 with their persons",
      ours: {
        query: `query Filtered($region: ID!) { deputies(limit: 25, ${byId}, where: { region: { id: { eq: $region } } }) { totalCount nodes {
          id level termNumber electedOn person { id name } } } }`,
        variables: { region: ids.regionId },
      },
      peer: {
        query: `query Filtered($region: BigInt!) { allDeputies(first: 25, orderBy: PRIMARY_KEY_ASC, condition: { regionId: $region }) { totalCount nodes {
          rowId level termNumber electedOn personByPersonId { rowId name } } } }`,
        variables: { region: ids.regionId },
      },
    },
    {
      // A filtered count is the one aggregate Amber answers (a connection's totalCount); see noFairPeer.
      name: "aggregate: count of a county's deputies",
      ours: { query: `query Count($region: ID!) { deputiesAggregate(where: { region: { id: { eq: $region } } }) { count } }`, variables: { region: ids.regionId } },
      peer: { query: `query Count($region: BigInt!) { allDeputies(condition: { regionId: $region }) { totalCount } }`, variables: { region: ids.regionId } },
    },
    {
      // The same count in the peer's own shape, a list's total: on our side a page of no rows with its total
      // (a record read, answered as text), where the pair above goes through the aggregate and its resolver.
      name: "count as a list's total: a county's deputies",
      ours: { query: `query Total($region: ID!) { deputies(limit: 0, where: { region: { id: { eq: $region } } }) { totalCount } }`, variables: { region: ids.regionId } },
      peer: { query: `query Total($region: BigInt!) { allDeputies(condition: { regionId: $region }) { totalCount } }`, variables: { region: ids.regionId } },
    },
  ];
}

/** What the bench leaves unpaired, and why (printed with the results). */
export const noFairPeer = [
  'grouped aggregates (deputiesAggregate(groupBy: …) with sum, avg, min, max): no fair peer — Amber has no aggregates ' +
    '(they need the @graphile/pg-aggregates plugin); one request per group key would be a different workload',
];

/** Every scalar leaf of a GraphQL answer's `data` (nulls included), as text: ids are strings on one side and BigInt strings on the other. */
export function leafValues(value: unknown, into: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) leafValues(item, into);
  else if (value !== null && typeof value === 'object') for (const item of Object.values(value)) leafValues(item, into);
  else into.push(String(value));
  return into;
}
