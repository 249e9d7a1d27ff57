/**
 * The secretariat's board (issue 21): a column per workflow state with the server's count of the suggestions in
 * it and the latest submitted, and the key-supervised suggestions with their progress — all of a region's
 * subtree and a year of submission, as the user's reach allows (the server scopes every list). Counts are each
 * list's `totalCount`, counted as the lists read, never taken from the rows fetched. Pure: the query, its
 * variables and the rows are tested without a server.
 */
import { SuggestionStatus } from '../../../schema/shared/enums.js';
import { daysLeft } from '../../../schema/shared/handling-tasks.js';
import { inflection, type Nameable } from '../../../schema/shared/inflection.js';

/** The columns: every state in the workflow's declared order, its ends other than 办结 last. */
export const boardStates: readonly SuggestionStatus[] = SuggestionStatus.values;

/** How many suggestions a column lists (its count says how many there are). */
export const columnSize = 8;
/** How many key-supervised suggestions the supervision list shows: a year's few dozen at most. */
export const supervisionSize = 200;

/** States in which a case is still with the handling units: where a due date can pass. */
const owing: readonly SuggestionStatus[] = ['ASSIGNED', 'IN_PROGRESS'];

export type BoardScope = { regionCode?: string; year?: number };

/** The suggestions the board is of: a region's subtree, submitted in a year (either, both or neither set). */
export function boardWhere(scope: BoardScope): Record<string, unknown> {
  return {
    ...(scope.regionCode ? { inRegion: scope.regionCode } : {}),
    ...(scope.year ? { submittedOn: { gte: `${scope.year}-01-01`, lte: `${scope.year}-12-31` } } : {}),
  };
}

const leadHandling = `handlings(where: { role: { eq: LEAD } }, limit: 1) { nodes { id dueOn answeredOn organisation { id name } } }`;

/** One aliased page per state, latest submitted first, and the supervision list, all over `$scope`. */
export function boardQuery(suggestion: Nameable): string {
  const list = inflection.list(suggestion);
  const columns = boardStates.map(
    (state) =>
      `${state}: ${list}(where: { AND: [$scope, { status: { eq: ${state} } }] }, orderBy: [{ field: submittedOn, direction: DESC }], limit: ${columnSize}) {
        totalCount nodes { id number title submittedOn submitters(limit: 2) { totalCount nodes { id deputy { id person { id name } } } } ${leadHandling} } }`,
  );
  const supervised = `supervised: ${list}(where: { AND: [$scope, { keySupervised: { eq: true } }] }, orderBy: [{ field: status }, { field: submittedOn, direction: DESC }], limit: ${supervisionSize}) {
    totalCount nodes { id number title status supervisingLeader answerDueOn ${leadHandling} } }`;
  return `query suggestionBoard($scope: ${inflection.filter(suggestion)}!) { ${[...columns, supervised].join(' ')} }`;
}

type Lead = { nodes: { id: string; dueOn: string | null; answeredOn: string | null; organisation: { id: string; name: string } | null }[] };
type ColumnNode = {
  id: string;
  number: string;
  title: string;
  submittedOn: string;
  submitters: { totalCount: number; nodes: { id: string; deputy: { id: string; person: { id: string; name: string } | null } | null }[] };
  handlings: Lead;
};
type SupervisedNode = { id: string; number: string; title: string; status: SuggestionStatus; supervisingLeader: string | null; answerDueOn: string | null; handlings: Lead };
export type BoardAnswer = Record<SuggestionStatus, { totalCount: number; nodes: ColumnNode[] }> & { supervised: { totalCount: number; nodes: SupervisedNode[] } };

export type BoardCard = { id: string; number: string; title: string; deputies: string[]; moreDeputies: number; dueOn: string | null; leadUnit: string | null };
export type BoardColumn = { state: SuggestionStatus; count: number; cards: BoardCard[] };
export type SupervisionRow = { id: string; number: string; title: string; leader: string | null; state: SuggestionStatus; leadUnit: string | null; dueOn: string | null; daysOverdue: number | null };

/** The columns in the workflow's order, each with the server's count and its cards. */
export function boardColumns(answer: BoardAnswer): BoardColumn[] {
  return boardStates.map((state) => ({
    state,
    count: answer[state].totalCount,
    cards: answer[state].nodes.map((node) => {
      const deputies = node.submitters.nodes.flatMap((submitter) => (submitter.deputy?.person ? [submitter.deputy.person.name] : []));
      const lead = node.handlings.nodes[0];
      return {
        id: node.id,
        number: node.number,
        title: node.title,
        deputies,
        moreDeputies: node.submitters.totalCount - deputies.length,
        dueOn: lead?.dueOn ?? null,
        leadUnit: lead?.organisation?.name ?? null,
      };
    }),
  }));
}

/**
 * Days a case is overdue on `today`: its lead unit's due date (else the suggestion's) passed while the case is
 * still with the units and not answered; null when it is not overdue.
 */
export function daysOverdue(state: SuggestionStatus, dueOn: string | null, answeredOn: string | null, today: string): number | null {
  if (!dueOn || answeredOn || !owing.includes(state)) return null;
  const left = daysLeft(dueOn, today);
  return left < 0 ? -left : null;
}

/** The supervision list's rows, with each case's days overdue on `today`. */
export function supervisionRows(answer: BoardAnswer, today: string): SupervisionRow[] {
  return answer.supervised.nodes.map((node) => {
    const lead = node.handlings.nodes[0];
    const dueOn = lead?.dueOn ?? node.answerDueOn;
    return {
      id: node.id,
      number: node.number,
      title: node.title,
      leader: node.supervisingLeader,
      state: node.status,
      leadUnit: lead?.organisation?.name ?? null,
      dueOn,
      daysOverdue: daysOverdue(node.status, dueOn, lead?.answeredOn ?? null, today),
    };
  });
}
