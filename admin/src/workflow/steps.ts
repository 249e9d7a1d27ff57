/**
 * Which steps of the suggestion workflow a user may take on one case, from the declared table
 * (schema/shared/suggestion-workflow.ts): the case's state is one the step leaves from, the user's role is one
 * of its party's, and for a handling unit's steps the handling is the user's own unit's (the lead's, for the
 * lead's steps). The server decides finally (server/workflow/); the console offers nothing it would surely refuse.
 */
import type { HandlerRole, ReassignmentStatus, SuggestionStatus, UserRole } from '../../../schema/shared/enums.js';
import { suggestionWorkflow, workflowParties, type WorkflowTransition, type WorkflowTransitionName } from '../../../schema/shared/suggestion-workflow.js';

/** One handling of the case as the panel reads it; `ownUnit`: the handling is the signed-in user's unit's. */
export type CaseHandling = { id: string; version: number; role: HandlerRole; reassignmentStatus: ReassignmentStatus | null; answered: boolean; ownUnit: boolean };

export type CaseState = { id: string; version: number; status: SuggestionStatus; handlings: readonly CaseHandling[] };

/** What a step is fired on: the suggestion, or one of its handlings, with the version read. */
export type StepTarget = { on: WorkflowTransition['on']; id: string; version: number; handling?: CaseHandling };

export type NextStep = { transition: WorkflowTransition; target: StepTarget };

/**
 * Whether the user works for a handling unit. Such a user reads only their own unit's handlings (the reach of
 * SuggestionHandling's `organisationPaths` in server/access/policy.ts; another unit's handling, and every
 * organisation, read as absent to them), so a handling they read is their unit's.
 */
export const worksForUnit = (role: UserRole) => (['handler', 'leadHandler', 'coHandler'] as const).some((party) => workflowParties[party].roles.includes(role));

/**
 * What the server refuses on the record itself beyond its state (MISSING_FACT on `id`, server/workflow/):
 * an assignment of a case that has units already, a second request while one waits, a decision with none waiting,
 * a second opinion from a co-handler.
 */
const recordAllows: Partial<Record<WorkflowTransitionName, (state: CaseState, handling: CaseHandling | undefined) => boolean>> = {
  assign: (state) => state.handlings.length === 0,
  feedback: (state) => state.handlings.length > 0,
  requestReassignment: (_, handling) => handling?.reassignmentStatus !== 'REQUESTED',
  decideReassignment: (_, handling) => handling?.reassignmentStatus === 'REQUESTED',
  opinion: (_, handling) => !handling?.answered,
};

/** Whether the transition's party covers this handling: the secretariat any, a unit its own (the lead's steps: its lead handling). */
function partyCovers(transition: WorkflowTransition, handling: CaseHandling): boolean {
  if (transition.by === 'secretariat') return true;
  const required = workflowParties[transition.by].handling;
  return handling.ownUnit && (!required || handling.role === required);
}

/** The steps `role` may take on the case now, in the table's order (a handling's steps once per handling it may be taken on). */
export function nextSteps(state: CaseState, role: UserRole, workflow: readonly WorkflowTransition[] = suggestionWorkflow): NextStep[] {
  return workflow.flatMap((transition): NextStep[] => {
    if (!transition.from.includes(state.status) || !workflowParties[transition.by].roles.includes(role)) return [];
    const allows = recordAllows[transition.name] ?? (() => true);
    if (transition.on === 'Suggestion') {
      // A unit's step on the whole case would need a handling of theirs; the table has none, but the rule holds.
      if (transition.by !== 'secretariat' && !state.handlings.some((handling) => partyCovers(transition, handling))) return [];
      return allows(state, undefined) ? [{ transition, target: { on: 'Suggestion', id: state.id, version: state.version } }] : [];
    }
    return state.handlings
      .filter((handling) => partyCovers(transition, handling) && allows(state, handling))
      .map((handling) => ({ transition, target: { on: 'SuggestionHandling', id: handling.id, version: handling.version, handling } }));
  });
}

/**
 * Steps taken on the page itself rather than from a button: a unit's own work with facts to write (the lead's
 * answer, a co-handler's opinion), which is what its staff come to the page for.
 */
export const takenInline = (transition: WorkflowTransition) => Boolean(workflowParties[transition.by].handling) && transition.facts.length > 0;
