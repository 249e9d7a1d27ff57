/**
 * The state diagram's shape, read from the declared workflow (schema/shared/suggestion-workflow.ts): the
 * lifecycle on one row, walked from the state nothing leads to along each transition's first outcome; the other
 * ends (不予立案, 并案) on a row below; one edge per state change a transition may make, labelled with the step it
 * records. Transitions that keep the state (督办, 调整申请) are no edge: they are listed beside the drawing.
 */
import type { SuggestionStatus, SuggestionStep } from '../../../schema/shared/enums.js';
import { suggestionWorkflow, type WorkflowTransition } from '../../../schema/shared/suggestion-workflow.js';

export type DiagramNode = { state: SuggestionStatus; column: number; row: 0 | 1 };

/** forward: to the next state on the row; back: to an earlier one; skip: past the next; branch: down to another end. */
export type EdgeKind = 'forward' | 'back' | 'skip' | 'branch';

export type DiagramEdge = { from: SuggestionStatus; to: SuggestionStatus; transition: WorkflowTransition; step: SuggestionStep | null; kind: EdgeKind };

export type Diagram = { nodes: DiagramNode[]; edges: DiagramEdge[]; keepingState: WorkflowTransition[] };

/** A transition that leaves the case in the state it found it (its outcomes are its origins). */
export const keepsState = (transition: WorkflowTransition) => transition.to.length === transition.from.length && transition.to.every((state) => transition.from.includes(state));

/** The step a transition records on reaching `to`: the one in the same place of `steps` when they pair up. */
const stepTo = (transition: WorkflowTransition, to: SuggestionStatus): SuggestionStep | null =>
  transition.steps.length === transition.to.length ? transition.steps[transition.to.indexOf(to)] : transition.steps.length === 1 ? transition.steps[0] : null;

/** Lays the workflow out for drawing. */
export function workflowDiagram(workflow: readonly WorkflowTransition[] = suggestionWorkflow): Diagram {
  const moving = workflow.filter((transition) => !keepsState(transition));
  const reached = new Set(moving.flatMap((transition) => transition.to));
  const origins = [...new Set(moving.flatMap((transition) => transition.from))];
  const lifecycle: SuggestionStatus[] = [];
  let current = origins.find((state) => !reached.has(state));
  while (current && !lifecycle.includes(current)) {
    lifecycle.push(current);
    const from = current;
    current = moving.find((transition) => transition.from.includes(from) && !lifecycle.includes(transition.to[0]))?.to[0];
  }
  const nodes: DiagramNode[] = lifecycle.map((state, column) => ({ state, column, row: 0 }));
  const column = (state: SuggestionStatus) => nodes.find((node) => node.state === state)?.column ?? -1;
  // The other ends, below and to the right of the state that leads to them, in the order they are declared.
  for (const transition of moving)
    for (const from of transition.from)
      for (const to of transition.to) {
        if (nodes.some((node) => node.state === to)) continue;
        const taken = nodes.filter((node) => node.row === 1).map((node) => node.column);
        let at = column(from) + 1;
        while (taken.includes(at)) at += 1;
        nodes.push({ state: to, column: at, row: 1 });
      }
  const rowOf = (state: SuggestionStatus) => nodes.find((node) => node.state === state)?.row ?? 0;
  const kindOf = (from: SuggestionStatus, to: SuggestionStatus): EdgeKind => {
    if (rowOf(to) !== rowOf(from)) return 'branch';
    const span = column(to) - column(from);
    return span === 1 ? 'forward' : span < 0 ? 'back' : 'skip';
  };
  const edges = moving.flatMap((transition) =>
    transition.from.flatMap((from) => transition.to.filter((to) => to !== from).map((to): DiagramEdge => ({ from, to, transition, step: stepTo(transition, to), kind: kindOf(from, to) }))),
  );
  return { nodes, edges, keepingState: workflow.filter(keepsState) };
}
