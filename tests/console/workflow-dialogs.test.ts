/**
 * The workflow's step forms and diagram as the console derives them (admin/src/workflow/dialogFields.ts,
 * diagram.ts) from the declared workflow and the API's input types — the committed schema (schema.graphql,
 * pinned by its golden test) introspected as the console introspects the server — held against what each form
 * must be, written out here by hand; every input of every step labelled in both languages; the input sent.
 */
import fs from 'node:fs';
import { buildSchema, introspectionFromSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { consoleMessages } from '../../admin/src/i18n/consoleMessages.js';
import { dialogFields, inputObject, stepInput, type DialogField } from '../../admin/src/workflow/dialogFields.js';
import { workflowDiagram } from '../../admin/src/workflow/diagram.js';
import { enumLabel, initialValues, newItem, type CaseFacts } from '../../admin/src/workflow/stepValues.js';
import { inflection } from '../../schema/shared/inflection.js';
import { suggestionWorkflow, workflowTransition, type WorkflowTransitionName } from '../../schema/shared/suggestion-workflow.js';

const types = introspectionFromSchema(buildSchema(fs.readFileSync(new URL('../../schema/schema.graphql', import.meta.url), 'utf8'))).__schema.types;

/** A field as the expectation writes it: name, widget, and `!` (required) or `?value|value` (required for those values of the decider). */
function shape(field: DialogField): string {
  const widget = field.widget;
  const kind =
    widget.kind === 'select'
      ? `select ${widget.enumName}`
      : widget.kind === 'reference'
        ? `reference ${widget.entity}`
        : widget.kind === 'object'
          ? `${widget.perHandling ? 'per handling' : widget.list ? 'list' : 'object'} (${widget.fields.map(shape).join(', ')})`
          : widget.kind;
  const need = field.required ? '!' : field.when ? ` when ${field.when.field}=${field.when.values.join('|')}` : '';
  return `${field.name}: ${kind}${need}`;
}

const unit = 'organisationId: reference Organisation!, dueOn: date';

const expected: Record<WorkflowTransitionName, string[]> = {
  review: ['decision: select ReviewDecision!', 'reason: text when decision=REJECT', 'mergedIntoId: reference Suggestion when decision=MERGE', 'reviewedOn: date'],
  assign: [`lead: object (${unit})!`, `coHandlers: list (${unit})`, 'assignedOn: date'],
  start: ['startedOn: date'],
  answer: ['answer: text!', 'answerCategory: select AnswerCategory!', 'answeredOn: date'],
  opinion: ['answer: text!', 'answeredOn: date'],
  feedback: ['satisfactions: per handling (handlingId: reference SuggestionHandling!, satisfaction: select Satisfaction!)!', 'feedbackOn: date'],
  close: ['closedOn: date'],
  requestReassignment: ['reason: text!'],
  decideReassignment: ['accept: switch!', 'organisationId: reference Organisation when accept=true', 'note: text', 'decidedOn: date'],
  supervise: ['keySupervised: switch!', 'leader: text when keySupervised=true', 'decidedOn: date'],
};

describe('the step forms', () => {
  it.each(suggestionWorkflow.map((transition) => transition.name))('%s: from its facts and its input type', (name) => {
    expect(dialogFields(workflowTransition(name), types).map(shape)).toEqual(expected[name]);
  });

  it('labels every input of every step in both languages: a fact by the table, the rest by the console', () => {
    /** The names of an input type's fields that no fact labels: all of them inside an object, the non-facts at the top. */
    const unlabelled = (typeName: string, facts: ReadonlySet<string>): string[] =>
      inputObject(types, typeName).inputFields.flatMap((field) => {
        let type = field.type;
        while (type.kind === 'NON_NULL' || type.kind === 'LIST') type = type.ofType;
        const own = facts.has(field.name) ? [] : [field.name];
        return type.kind === 'INPUT_OBJECT' ? [...own, ...unlabelled(type.name, new Set())] : own;
      });
    const checked = new Set<string>();
    for (const transition of suggestionWorkflow) {
      for (const fact of transition.facts) {
        expect(fact.labelZh, `${transition.name}.${fact.name}`).toMatch(/[\u4e00-\u9fff]/);
        expect(fact.labelEn, `${transition.name}.${fact.name}`).toMatch(/^[A-Z][a-z]/);
      }
      for (const name of unlabelled(inflection.workflowInput(transition), new Set(transition.facts.map((fact) => fact.name)))) {
        expect((consoleMessages.zh.workflow.inputs as Record<string, string>)[name], `${transition.name}: ${name} (zh)`).toMatch(/[\u4e00-\u9fff]/);
        expect((consoleMessages.en.workflow.inputs as Record<string, string>)[name], `${transition.name}: ${name} (en)`).toMatch(/^[A-Z][a-z]/);
        checked.add(name);
      }
    }
    // Not vacuous: the dates, the note and the fields inside a unit and a satisfaction are among them.
    expect([...checked].sort()).toEqual([
      'answeredOn',
      'assignedOn',
      'closedOn',
      'decidedOn',
      'dueOn',
      'feedbackOn',
      'handlingId',
      'note',
      'organisationId',
      'reviewedOn',
      'satisfaction',
      'startedOn',
    ]);
  });

  it('sends the fields shown, text trimmed, empty text and items left out', () => {
    const review = dialogFields(workflowTransition('review'), types);
    expect(stepInput(review, { decision: 'ACCEPT', reason: '  ', mergedIntoId: '12', reviewedOn: '2025-03-01' })).toEqual({ decision: 'ACCEPT', reviewedOn: '2025-03-01' });
    expect(stepInput(review, { decision: 'REJECT', reason: ' 不属于本级职权 ', mergedIntoId: '12' })).toEqual({ decision: 'REJECT', reason: '不属于本级职权' });
    const assign = dialogFields(workflowTransition('assign'), types);
    expect(stepInput(assign, { lead: { organisationId: '5', dueOn: '2025-06-01' }, coHandlers: [{ organisationId: '6', dueOn: '' }], assignedOn: '2025-03-01' })).toEqual({
      lead: { organisationId: '5', dueOn: '2025-06-01' },
      coHandlers: [{ organisationId: '6' }],
      assignedOn: '2025-03-01',
    });
    const supervise = dialogFields(workflowTransition('supervise'), types);
    expect(stepInput(supervise, { keySupervised: false, leader: '王主任' })).toEqual({ keySupervised: false });
  });
});

describe('what the forms start with', () => {
  const facts: CaseFacts = { keySupervised: false, supervisingLeader: null, handlings: [{ id: 'h1' }, { id: 'h2' }] };
  const start = (name: WorkflowTransitionName, over: Partial<typeof facts> = {}) =>
    initialValues(workflowTransition(name), dialogFields(workflowTransition(name), types), { ...facts, ...over }, '2024-11-30');

  it('dates today, a unit due three months on (the month’s last day when it has no such day), no decision taken for the user', () => {
    expect(start('review')).toEqual({ decision: null, reason: null, mergedIntoId: null, reviewedOn: '2024-11-30' });
    expect(start('assign')).toEqual({ lead: { organisationId: null, dueOn: '2025-02-28' }, coHandlers: [], assignedOn: '2024-11-30' });
    expect(newItem(dialogFields(workflowTransition('assign'), types)[1], '2024-11-30')).toEqual({ organisationId: null, dueOn: '2025-02-28' });
    expect(start('decideReassignment')).toEqual({ accept: false, organisationId: null, note: null, decidedOn: '2024-11-30' });
  });

  it('one satisfaction per handling of the case; 督办 proposing the other setting with the leader on record', () => {
    expect(start('feedback')).toEqual({
      satisfactions: [
        { handlingId: 'h1', satisfaction: null },
        { handlingId: 'h2', satisfaction: null },
      ],
      feedbackOn: '2024-11-30',
    });
    expect(start('supervise')).toMatchObject({ keySupervised: true, leader: null });
    expect(start('supervise', { keySupervised: true, supervisingLeader: '王副主任' })).toMatchObject({ keySupervised: false, leader: '王副主任' });
  });

  it('labels the values of the API’s enums from the shared enums, in both languages', () => {
    expect([enumLabel('ReviewDecision', 'REJECT', 'zh'), enumLabel('ReviewDecision', 'REJECT', 'en')]).toEqual(['不予立案', 'Do not accept']);
    expect([enumLabel('AnswerCategory', 'PLANNED', 'zh'), enumLabel('Satisfaction', 'BASICALLY_SATISFIED', 'en')]).toEqual(['列入计划', 'Basically satisfied']);
    // Which enums the dialogs select from, gathered as they are checked: an empty sweep fails below, not silently.
    const selected = new Set<string>();
    for (const transition of suggestionWorkflow)
      for (const field of dialogFields(transition, types).flatMap((item) => (item.widget.kind === 'object' ? item.widget.fields : [item])))
        if (field.widget.kind === 'select') {
          selected.add(field.widget.enumName);
          const values = types.find((type) => type.name === (field.widget as { enumName: string }).enumName);
          expect(values?.kind).toBe('ENUM');
          if (values?.kind !== 'ENUM') continue;
          for (const { name } of values.enumValues) expect(enumLabel(field.widget.enumName, name, 'zh'), `${field.widget.enumName}.${name}`).toMatch(/[\u4e00-\u9fff]/);
        }
    expect([...selected].sort()).toEqual(['AnswerCategory', 'ReviewDecision', 'Satisfaction']);
  });
});

describe('the state diagram', () => {
  const diagram = workflowDiagram();
  const at = (state: string) => diagram.nodes.find((node) => node.state === state);

  it('draws the lifecycle on one row and the other ends below it', () => {
    expect(diagram.nodes.filter((node) => node.row === 0).map((node) => node.state)).toEqual(['SUBMITTED', 'REVIEWED', 'ASSIGNED', 'IN_PROGRESS', 'ANSWERED', 'FEEDBACK', 'CLOSED']);
    expect(diagram.nodes.filter((node) => node.row === 0).map((node) => node.column)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect([at('REJECTED'), at('MERGED')]).toEqual([
      { state: 'REJECTED', column: 1, row: 1 },
      { state: 'MERGED', column: 2, row: 1 },
    ]);
  });

  it('has one edge per change of state, labelled with the step it records', () => {
    expect(diagram.edges.map((edge) => `${edge.from}→${edge.to} ${edge.step} ${edge.kind}`)).toEqual([
      'SUBMITTED→REVIEWED ACCEPT forward',
      'SUBMITTED→REJECTED REJECT branch',
      'SUBMITTED→MERGED MERGE branch',
      'REVIEWED→ASSIGNED ASSIGN forward',
      'ASSIGNED→IN_PROGRESS START forward',
      'IN_PROGRESS→ANSWERED ANSWER forward',
      'ANSWERED→FEEDBACK FEEDBACK forward',
      'ANSWERED→IN_PROGRESS REOPEN back',
      'ANSWERED→CLOSED CLOSE skip',
      'FEEDBACK→CLOSED CLOSE forward',
    ]);
    expect(diagram.keepingState.map((transition) => transition.name)).toEqual(['opinion', 'requestReassignment', 'decideReassignment', 'supervise']);
  });
});
