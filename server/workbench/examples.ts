/**
 * The example queries every installation ships, as shared saved queries without an owner: questions
 * analysts ask, written once here and installed (added or brought up to date, by name) at migrate time
 * like the triggers. A test runs each against the demo data set and requires rows. Names and descriptions
 * are Chinese (a saved query has one of each, whatever the console's language); a description says what
 * the rows are, how they are grouped or ordered, and what each variable is.
 */
import type pg from 'pg';
import { asActor } from '../access/actor.js';

export type ExampleQuery = { name: string; description: string; query: string; variables?: Record<string, unknown> };

export const exampleQueries: ExampleQuery[] = [
  {
    name: '各县联络站数量（按类型）',
    description: '每个县（区）的代表联络站、联络点数量，按站点类型分组。',
    query: `query StationsPerCounty {
  liaisonStationsAggregate(groupBy: [{ field: region, level: COUNTY }, { field: kind }]) {
    key { field value label }
    count
  }
}`,
  },
  {
    name: '未进站的在任代表',
    description: '没有任何联络站进站记录的在任代表，含层级、届次、姓名和选举单位；变量 limit 为每页条数。',
    query: `query DeputiesWithoutStation($limit: Int = 100) {
  deputies(where: { status: { eq: ACTIVE }, assignments: { none: {} } }, limit: $limit) {
    totalCount
    nodes { level termNumber person { name } region { name } }
  }
}`,
  },
  {
    name: '超过答复期限仍未答复的建议',
    description: '答复期限已过、尚未答复的代表建议，最早到期的在前；变量 today 为计算期限的日期。',
    query: `query OverdueSuggestions($today: Date!) {
  suggestions(where: { answeredOn: { isNull: true }, answerDueOn: { lt: $today } }, orderBy: [{ field: answerDueOn }], limit: 100) {
    totalCount
    nodes { number title answerDueOn status region { name } }
  }
}`,
    variables: { today: '2024-12-31' },
  },
  {
    name: '经费执行情况（按类别和年度）',
    description: '各类经费的预算与拨付合计，按经费类别和财政年度分组。',
    query: `query FundingExecution {
  fundingAllocationsAggregate(groupBy: [{ field: category }, { field: fiscalYear }]) {
    key { field value label }
    count
    sum { budgeted disbursed }
  }
}`,
  },
  {
    name: '宪法宣誓（按年度）',
    description: '每年组织的宪法宣誓次数，按宣誓日期的年份分组。',
    query: `query OathsPerYear {
  oathsAggregate(groupBy: [{ field: swornOn, part: YEAR }]) {
    key { value }
    count
  }
}`,
  },
  {
    name: '任命后尚未宣誓的人员',
    description: '有任命决定、但没有宣誓记录的任免，含职务、决定日期、被任命人和区划；变量 limit 为每页条数。',
    query: `query AppointedWithoutOath($limit: Int = 100) {
  appointments(where: { action: { eq: APPOINT }, oaths: { none: {} } }, limit: $limit) {
    totalCount
    nodes { positionTitle decisionDate appointee { name } region { name } }
  }
}`,
  },
  {
    name: '各县代表小组（按类型）',
    description: '每个县（区）的代表小组数量，按地域型、专业型、功能型分组。',
    query: `query GroupsPerCounty {
  deputyGroupsAggregate(groupBy: [{ field: region, level: COUNTY }, { field: kind }]) {
    key { field value label }
    count
  }
}`,
  },
  {
    name: '一个县在任代表的构成',
    description: '指定县（区）本级在任代表的人数，按代表构成（工人、农民、专业技术人员……）分组；变量 code 为县的区划代码。',
    query: `query CountyComposition($code: String = "620822") {
  deputiesAggregate(where: { region: { code: { eq: $code } }, status: { eq: ACTIVE } }, groupBy: [{ field: composition }]) {
    key { value label }
    count
  }
}`,
  },
  {
    name: '代表建议办理状态',
    description: '全部代表建议的件数，按办理状态分组。',
    query: `query SuggestionsByStatus {
  suggestionsAggregate(groupBy: [{ field: status }]) {
    key { value label }
    count
  }
}`,
  },
  {
    name: '履职活动（按月份）',
    description: '指定日期以来每月的代表履职活动次数；变量 since 为起始日期。',
    query: `query ActivitiesPerMonth($since: Date = "2024-01-01") {
  activitiesAggregate(where: { heldOn: { gte: $since } }, groupBy: [{ field: heldOn, part: MONTH }]) {
    key { value }
    count
  }
}`,
  },
  {
    name: '灵台县在任代表及所在小组',
    description: '灵台县本级在任代表，按届次倒序，带所在代表小组、小组类型和在组内的职务；变量 limit 为每页条数。',
    query: `query LingtaiDeputies($limit: Int = 50) {
  deputies(where: { region: { code: { eq: "620822" } }, status: { eq: ACTIVE } }, orderBy: [{ field: termNumber, direction: DESC }], limit: $limit) {
    totalCount
    nodes { termNumber person { name } memberships { nodes { role group { name kind } } } }
  }
}`,
  },
  {
    name: '指标目录',
    description: '对比分析可用的全部指标，含单位、类型，以及数值越大越好还是越小越好。',
    query: `query Metrics {
  metricCatalog { key labelZh labelEn unit kind higherIsBetter }
}`,
  },
];

/** Adds the examples that are missing and brings changed ones up to date, as the system (audited), in one transaction. */
export async function installExampleQueries(client: pg.ClientBase): Promise<void> {
  await asActor(client, { system: 'examples' }, async () => {
    for (const example of exampleQueries) {
      const variables = example.variables ? JSON.stringify(example.variables) : null;
      await client.query(
        `update saved_query set description = $2::text, query = $3::text, variables = $4::jsonb, version = version + 1, updated_at = now()
          where name = $1::text and owner_id is null and deleted_at is null and (description, query, variables) is distinct from ($2::text, $3::text, $4::jsonb)`,
        [example.name, example.description, example.query, variables],
      );
      await client.query(
        `insert into saved_query (name, description, query, variables, shared)
         select $1::text, $2::text, $3::text, $4::jsonb, true where not exists (select 1 from saved_query where name = $1::text and owner_id is null and deleted_at is null)`,
        [example.name, example.description, example.query, variables],
      );
    }
  });
}
