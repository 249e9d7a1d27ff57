/**
 * The days the articles of DOMAIN.md report their figures, and what each says held on that day. The demo is
 * a timeline: these figures are true on the article's date, and the years after it continue from there
 * (more appointments, suggestions and trainings), so the reference date's totals are no longer the article's.
 * tests/fixtures/published-figures.json gives each figure the same date (`asOf`); the seeds never read it.
 */

/**
 * 镇平县's article (2021-09-03): counted since 2019 (appointments, station entry) or 2020 (motions and suggestions);
 * over 150 livelihood projects completed by then (its county votes from 2017 and its townships and streets from 2018:
 * profiles.ts, livelihood.ts).
 */
export const zhenpingArticle = {
  county: '411324',
  date: '2021-09-03',
  /** 任免 by the county congress and its standing committee, 2019-01-01 to the article's date. */
  appointments: { total: 242, required: 96, oaths: 86, exams: 79, failed: 1 },
  /** "议案建议 134件": motions and suggestions submitted from 2020-01-01 to the article's date. */
  motionsAndSuggestions: { since: '2020-01-01', total: 134 },
  /** Motions at each year's session, 2019–2024 (fixed, so the 134 is exact). */
  motionsPerYear: [2, 3, 2, 2, 1, 2] as const,
  /** Share of the seats sitting on the article's date that took part in a station activity since 2019. */
  entry: 0.91,
};

/** 汇川区's article (2022-04-27): since its 5th congress took office, 11 trainings for 620 person-times; its 51 stations' subsidies approved by then. */
export const huichuanArticle = { county: '520303', date: '2022-04-27', from: '2022-01-01', trainings: 11, participants: 620 };

/**
 * 吉县's article, before the 2021 换届 (its date unknown; taken as 2021-08-31): 8 stations and 78 points by then, and the
 * leadership of the term elected in 2016 (profiles.ts `previousLeadership`): a chair, 4 vice chairs and 18 full-time
 * members elected at its first session (January 2017), its 8 township chairs with county seats, 3 special committees
 * and 一室六委 established then.
 */
export const jixianArticle = { county: '141028', date: '2021-08-31' };
