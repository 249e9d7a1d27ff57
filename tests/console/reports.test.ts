/**
 * The printable reports' pure logic (issue 19): the roster's columns and paged query, the handling table's
 * aggregates and how they become rows and totals, the periods in the address, a chart's height on a sheet,
 * and the page numbers' CSS.
 */
import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { Deputy } from '../../schema/entities/deputy.entity.js';
import { SuggestionHandling } from '../../schema/entities/suggestion-handling.entity.js';
import { modelOf } from '../../schema/model/registry.js';
import { barChartHeight, regionsFitting } from '../../admin/src/analysis/barChartSize.js';
import { cssString, pageCounterContent } from '../../admin/src/layout/pageMarginContent.js';
import { columnFilters, handlingQuery, handlingTable, handlingVariables, type HandlingAnswer } from '../../admin/src/reports/handlingTable.js';
import { periodParams, readPeriod, wholeYear, yearPeriod } from '../../admin/src/reports/period.js';
import { birthColumn, indexColumnWidth, laterPages, rosterColumns, rosterPageSize, rosterQuery, rosterWhere, selectionOf, valueAt, yearMonth } from '../../admin/src/reports/roster.js';

// The names the models declare: the queries are built from them by the inflection module, as the console builds them.
const deputy = modelOf(Deputy);
const handling = modelOf(SuggestionHandling);

describe('the roster', () => {
  it('asks for the birth date only of those who read it unmasked, and for the year of everyone else', () => {
    expect(birthColumn(false)).toMatchObject({ key: 'birthMonth', path: ['person', 'birthDate'] });
    expect(birthColumn(true)).toMatchObject({ key: 'birthYear', path: ['person', 'birthYear'] });
    expect(rosterQuery(deputy, rosterColumns(true))).not.toContain('birthDate');
  });

  it('has the columns a roster has, filling the sheet with 序号', () => {
    const columns = rosterColumns(false);
    expect(columns.map((column) => column.key)).toEqual(['name', 'gender', 'ethnicity', 'birthMonth', 'party', 'education', 'workplace', 'level', 'district']);
    expect(columns.reduce((sum, column) => sum + column.width, indexColumnWidth)).toBe(100);
  });

  it('reads the seats page by page in the server’s order, each field once', () => {
    expect(selectionOf([['person', 'name'], ['level'], ['person', 'gender'], ['person', 'name']])).toBe('id person { id name gender } level');
    const query = rosterQuery(deputy, rosterColumns(false));
    expect(query).toContain('deputies(where: $where, orderBy: [{ field: person }], offset: $offset, limit: $limit)');
    expect(query).toContain('$where: DeputyFilter');
    expect(query).toContain('person { id name gender ethnicity birthDate politicalStatus education workplace } level electoralDistrict');
    expect(rosterWhere('620822', 'COUNTY')).toEqual({ inRegion: '620822', status: { eq: 'ACTIVE' }, level: { eq: 'COUNTY' } });
    expect(rosterWhere('620822', null)).toEqual({ inRegion: '620822', status: { eq: 'ACTIVE' } });
  });

  it('pages after the first up to the roster’s limit', () => {
    expect(laterPages(0)).toEqual([]);
    expect(laterPages(rosterPageSize)).toEqual([]);
    expect(laterPages(rosterPageSize + 1)).toEqual([rosterPageSize]);
    expect(laterPages(1000, 300, 5000)).toEqual([300, 600, 900]);
    expect(laterPages(9000, 300, 900)).toEqual([300, 600]);
  });

  it('writes 出生年月 as rosters do and reads values along paths', () => {
    expect(yearMonth('1968-04-15')).toBe('1968.04');
    expect(yearMonth(1968)).toBe('1968');
    expect(yearMonth(null)).toBe('');
    expect(valueAt({ person: { name: '王建国' } }, ['person', 'name'])).toBe('王建国');
    expect(valueAt({ person: null }, ['person', 'name'])).toBeNull();
  });
});

describe('the handling of suggestions', () => {
  const today = '2025-06-30';

  it('asks one grouped aggregate per column, named by the inflection module', () => {
    const query = handlingQuery(handling);
    for (const column of ['received', 'answered', 'answeredOnTime', 'answeredLate', 'overdue', 'satisfied', 'closed'])
      expect(query).toContain(`${column}: suggestionHandlingsAggregate(where: $${column}, groupBy: [{ field: organisation }]) { key { value label } count }`);
    expect(query).toContain('$overdue: SuggestionHandlingFilter');
  });

  it('counts the cohort submitted in the period, each column’s condition beside it, not over it', () => {
    const variables = handlingVariables('620822', yearPeriod(2024), today);
    const cohort = { inRegion: '620822', suggestion: { submittedOn: { gte: '2024-01-01', lte: '2024-12-31' } } };
    expect(variables.received).toEqual(cohort);
    expect(variables.closed).toEqual({ AND: [cohort, { suggestion: { status: { eq: 'CLOSED' } } }] });
    expect(variables.overdue).toEqual({ AND: [cohort, { answeredOn: { isNull: true }, dueOn: { lt: today } }] });
    expect(variables.answeredOnTime).toEqual({ AND: [cohort, { answeredOn: { isNull: false }, answeredLate: { eq: false } }] });
    expect(variables.answeredLate).toEqual({ AND: [cohort, { answeredLate: { eq: true } }] });
    expect(columnFilters(today).satisfied).toEqual({ satisfaction: { in: ['SATISFIED', 'BASICALLY_SATISFIED'] } });
  });

  it('makes a row per unit that received any, busiest first, missing counts 0, with totals', () => {
    const group = (value: string | null, label: string | null, count: number | null) => ({ key: [{ value, label }], count });
    const answer: HandlingAnswer = {
      received: [group('7', '县财政局', 2), group('3', '县教育局', 5), group(null, null, 1)],
      answered: [group('3', '县教育局', 4), group('7', '县财政局', 2)],
      answeredOnTime: [group('3', '县教育局', 3), group('7', '县财政局', 2)],
      answeredLate: [group('3', '县教育局', 1)],
      satisfied: [group('3', '县教育局', 3)],
      closed: [group('3', '县教育局', 3), group('9', '不在交办之列', 1)],
      overdue: [group('3', '县教育局', 1)],
    };
    const { rows, totals } = handlingTable(answer);
    expect(rows.map((row) => row.name)).toEqual(['县教育局', '县财政局']);
    expect(rows[0].counts).toEqual({ received: 5, answered: 4, answeredOnTime: 3, answeredLate: 1, overdue: 1, satisfied: 3, closed: 3 });
    expect(rows[1].counts).toEqual({ received: 2, answered: 2, answeredOnTime: 2, answeredLate: 0, overdue: 0, satisfied: 0, closed: 0 });
    expect(totals).toEqual({ received: 7, answered: 6, answeredOnTime: 5, answeredLate: 1, overdue: 1, satisfied: 3, closed: 3 });
  });
});

describe('report periods', () => {
  it('are a year or a span of dates in the address', () => {
    expect(readPeriod(new URLSearchParams('year=2024'))).toEqual({ from: '2024-01-01', to: '2024-12-31' });
    expect(readPeriod(new URLSearchParams('from=2019-01-01&to=2024-06-30'))).toEqual({ from: '2019-01-01', to: '2024-06-30' });
    expect(readPeriod(new URLSearchParams('from=2024-06-30&to=2019-01-01'))).toBeNull();
    expect(readPeriod(new URLSearchParams('year=abc'))).toBeNull();
    expect(periodParams(yearPeriod(2024))).toEqual({ year: '2024' });
    expect(periodParams({ from: '2019-01-01', to: '2024-06-30' })).toEqual({ from: '2019-01-01', to: '2024-06-30' });
    expect(wholeYear({ from: '2024-01-01', to: '2024-12-30' })).toBeNull();
  });
});

describe('a report’s bar charts', () => {
  it('fit a sheet by showing the best regions that do', () => {
    expect(barChartHeight(7, 5)).toBe(340);
    expect(regionsFitting(7, 5, 760)).toBe(0);
    expect(regionsFitting(100, 5, 760)).toBe(13);
    expect(barChartHeight(regionsFitting(100, 5, 760), 5)).toBeLessThanOrEqual(760);
    expect(barChartHeight(regionsFitting(100, 1, 760), 1)).toBeLessThanOrEqual(760);
  });
});

describe('page margin boxes', () => {
  it('turn a translated sentence into CSS content with page counters', () => {
    expect(pageCounterContent('第 %{page} 页，共 %{pages} 页')).toBe('"第 " counter(page) " 页，共 " counter(pages) " 页"');
    expect(pageCounterContent('Page %{page} of %{pages}')).toBe('"Page " counter(page) " of " counter(pages)');
    expect(pageCounterContent('')).toBe('counter(page)');
    expect(cssString('say "hi" \\ there')).toBe('"say \\"hi\\" \\\\ there"');
  });
});
