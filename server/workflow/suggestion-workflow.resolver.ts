/**
 * One mutation per transition of the suggestion workflow (schema/shared/suggestion-workflow.ts), named by the
 * inflection module (`reviewSuggestion`, `assignSuggestion`, `startSuggestionHandling`, `answerSuggestionHandling`,
 * `submitSuggestionHandlingOpinion`, `recordSuggestionFeedback`, `closeSuggestion`, `requestSuggestionHandlingReassignment`,
 * `decideSuggestionHandlingReassignment`, `superviseSuggestion`): each checks its facts and writes them through `fire`, which checks
 * reach, party, version and state first. The answer is the record read back as any read is (scopes, masks).
 */
import { GraphQLID, GraphQLInt, type GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, Info, Mutation, Resolver } from 'type-graphql';
import { Suggestion } from '../../schema/entities/suggestion.entity.js';
import { SuggestionHandling } from '../../schema/entities/suggestion-handling.entity.js';
import { Organisation } from '../../schema/entities/organisation.entity.js';
import { modelOf } from '../../schema/model/registry.js';
import { inflection } from '../../schema/shared/inflection.js';
import { answerNote, workflowTransition, type WorkflowTransitionName } from '../../schema/shared/suggestion-workflow.js';
import { Satisfaction } from '../../schema/shared/enums.js';
import { checkId } from '../api/filter.builder.js';
import { notFound, rowsOf } from '../api/writer.js';
import type { Context } from '../graphql/context.js';
import { and, idArray, sql } from '../sql/sql.js';
import { dueAfter, fire, lowest, run, type Step } from './suggestion-workflow.js';
import { missingFact } from './workflow-refusals.js';
import { AnswerInput, AssignInput, CloseInput, DecideReassignmentInput, FeedbackInput, OpinionInput, RequestReassignmentInput, ReviewInput, StartInput, SuperviseInput } from './workflow-inputs.js';

const mutationName = (name: WorkflowTransitionName) => inflection.workflowMutation(workflowTransition(name));
const describeStep = (name: WorkflowTransitionName) => {
  const transition = workflowTransition(name);
  return `${transition.labelZh}（办理流程）/ ${transition.labelEn} (the suggestion workflow)`;
};

/** Text a person typed, trimmed; a required one may not be empty. */
function text(value: string | null | undefined, field: string, label: { zh: string; en: string }, maxLength: number): string {
  const trimmed = (value ?? '').trim();
  if (!trimmed) throw missingFact(field, `请填写${label.zh}`, `${label.en} is required`);
  if ([...trimmed].length > maxLength) throw missingFact(field, `${label.zh}不能超过 ${maxLength} 个字`, `${label.en} may be at most ${maxLength} characters`);
  return trimmed;
}

/** The live organisations of `ids` the user may read, in one query; the first missing or unreadable one answers as absent. */
async function organisations(step: Step, ids: { id: string; path: string }[]): Promise<void> {
  const model = modelOf(Organisation);
  for (const { id, path } of ids) checkId(id, path);
  const found = await rowsOf<{ id: string }>(
    step.tx,
    sql`select t."id"::text as id from "organisation" t where ${and([sql`t."id" = any(${idArray(ids.map(({ id }) => id))})`, sql`t."deleted_at" is null`, step.access.readScope(model, 't')])}`,
  );
  const readable = new Set(found.map(({ id }) => id));
  const missing = ids.find(({ id }) => !readable.has(id));
  if (missing) throw notFound(model, missing.id, missing.path);
}

@Resolver()
export class SuggestionWorkflowResolver {
  @Mutation(() => Suggestion, { name: mutationName('review'), description: describeStep('review') })
  async review(
    @Arg('id', () => GraphQLID) id: string,
    @Arg('version', () => GraphQLInt) version: number,
    @Arg('input', () => ReviewInput) input: ReviewInput,
    @Ctx() context: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<unknown> {
    checkId(id, 'id');
    await fire(context.writer, context.access, 'review', { id, version }, async (step) => {
      const on = step.dateOf(input.reviewedOn, 'input.reviewedOn', step.suggestion.submittedOn);
      if (input.decision === 'ACCEPT') {
        await run(step.tx, `update suggestion set status = 'REVIEWED' where id = ?`, [id]);
        await step.record({ step: 'ACCEPT', to: 'REVIEWED', on });
      } else if (input.decision === 'REJECT') {
        const reason = text(input.reason, 'input.reason', { zh: '不予立案的理由', en: 'The reason' }, 2000);
        await run(step.tx, `update suggestion set status = 'REJECTED', rejection_reason = ? where id = ?`, [reason, id]);
        await step.record({ step: 'REJECT', to: 'REJECTED', on, note: reason });
      } else {
        if (!input.mergedIntoId) throw missingFact('input.mergedIntoId', '并案时请指定并入的建议', 'Name the suggestion to merge it into');
        checkId(input.mergedIntoId, 'input.mergedIntoId');
        if (input.mergedIntoId === id) throw missingFact('input.mergedIntoId', '不能并入自身', 'A suggestion cannot be merged into itself');
        const model = modelOf(Suggestion);
        const [into] = await rowsOf<{ status: string }>(
          step.tx,
          sql`select t."status" as status from "suggestion" t where ${and([sql`t."id" = ${input.mergedIntoId}`, sql`t."deleted_at" is null`, step.access.readScope(model, 't')])}`,
        );
        if (!into) throw notFound(model, input.mergedIntoId, 'input.mergedIntoId');
        if (into.status === 'MERGED' || into.status === 'REJECTED') throw missingFact('input.mergedIntoId', '不能并入已并案或不予立案的建议', 'Cannot merge into a suggestion merged or not accepted');
        await run(step.tx, `update suggestion set status = 'MERGED', merged_into_id = ? where id = ?`, [input.mergedIntoId, id]);
        await step.record({ step: 'MERGE', to: 'MERGED', on, note: input.reason?.trim() || null });
      }
    });
    return context.reader.compiledOne(modelOf(Suggestion), id, false, info);
  }

  @Mutation(() => Suggestion, { name: mutationName('assign'), description: describeStep('assign') })
  async assign(
    @Arg('id', () => GraphQLID) id: string,
    @Arg('version', () => GraphQLInt) version: number,
    @Arg('input', () => AssignInput) input: AssignInput,
    @Ctx() context: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<unknown> {
    checkId(id, 'id');
    await fire(context.writer, context.access, 'assign', { id, version }, async (step) => {
      const on = step.dateOf(input.assignedOn, 'input.assignedOn', step.suggestion.submittedOn);
      const units = [{ role: 'LEAD', unit: input.lead, path: 'input.lead' }, ...input.coHandlers.map((unit, index) => ({ role: 'CO_HANDLER', unit, path: `input.coHandlers.${index}` }))];
      await organisations(
        step,
        units.map(({ unit, path }) => ({ id: unit.organisationId, path: `${path}.organisationId` })),
      );
      const seen = new Set<string>();
      for (const { unit, path } of units) {
        if (seen.has(unit.organisationId)) throw missingFact(`${path}.organisationId`, '同一单位不能重复交办', 'A unit is named twice');
        seen.add(unit.organisationId);
        if (unit.dueOn && unit.dueOn < on) throw missingFact(`${path}.dueOn`, '答复期限不能早于交办日期', 'The due date cannot be before the assignment');
      }
      const [live] = await rowsOf<{ n: number }>(step.tx, sql`select count(*)::int as n from "suggestion_handling" where "suggestion_id" = ${id} and "deleted_at" is null`);
      if (live.n > 0) throw missingFact('id', '这件建议已有承办单位', 'The suggestion has handling units already');
      for (const { role, unit } of units) {
        const dueOn = dueAfter(on, unit.dueOn);
        const [handling] = (await run(step.tx, `insert into suggestion_handling (suggestion_id, organisation_id, role, assigned_on, due_on) values (?, ?, ?, ?, ?) returning id::text as id`, [
          id,
          unit.organisationId,
          role,
          on,
          dueOn,
        ])) as { id: string }[];
        await step.record({ step: 'ASSIGN', to: 'ASSIGNED', on, handlingId: handling.id, organisationId: unit.organisationId, dueOn });
      }
      await run(step.tx, `update suggestion set status = 'ASSIGNED', assigned_on = ?, answer_due_on = ? where id = ?`, [on, dueAfter(on, input.lead.dueOn), id]);
    });
    return context.reader.compiledOne(modelOf(Suggestion), id, false, info);
  }

  @Mutation(() => SuggestionHandling, { name: mutationName('start'), description: describeStep('start') })
  async start(
    @Arg('id', () => GraphQLID) id: string,
    @Arg('version', () => GraphQLInt) version: number,
    @Arg('input', () => StartInput, { nullable: true }) input: StartInput | null,
    @Ctx() context: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<unknown> {
    checkId(id, 'id');
    await fire(context.writer, context.access, 'start', { id, version }, async (step) => {
      const on = step.dateOf(input?.startedOn, 'input.startedOn', step.handling!.assignedOn ?? step.suggestion.assignedOn);
      await run(step.tx, `update suggestion_handling set started_on = ? where id = ?`, [on, id]);
      await run(step.tx, `update suggestion set status = 'IN_PROGRESS' where id = ?`, [step.suggestion.id]);
      await step.record({ step: 'START', to: 'IN_PROGRESS', on, handlingId: id, organisationId: step.handling!.organisationId });
    });
    return context.reader.compiledOne(modelOf(SuggestionHandling), id, false, info);
  }

  @Mutation(() => SuggestionHandling, { name: mutationName('answer'), description: describeStep('answer') })
  async answer(
    @Arg('id', () => GraphQLID) id: string,
    @Arg('version', () => GraphQLInt) version: number,
    @Arg('input', () => AnswerInput) input: AnswerInput,
    @Ctx() context: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<unknown> {
    checkId(id, 'id');
    await fire(context.writer, context.access, 'answer', { id, version }, async (step) => {
      const answer = text(input.answer, 'input.answer', { zh: '答复内容', en: 'The answer' }, 20000);
      const on = step.dateOf(input.answeredOn, 'input.answeredOn', step.handling!.startedOn ?? step.handling!.assignedOn);
      await run(step.tx, `update suggestion_handling set answered_on = ?, answer_category = ?, answer = ? where id = ?`, [on, input.answerCategory, answer, id]);
      await run(step.tx, `update suggestion set status = 'ANSWERED', answered_on = ?, answer_category = ? where id = ?`, [on, input.answerCategory, step.suggestion.id]);
      await step.record({ step: 'ANSWER', to: 'ANSWERED', on, handlingId: id, organisationId: step.handling!.organisationId, note: answerNote(input.answerCategory, answer) });
    });
    return context.reader.compiledOne(modelOf(SuggestionHandling), id, false, info);
  }

  @Mutation(() => SuggestionHandling, { name: mutationName('opinion'), description: describeStep('opinion') })
  async opinion(
    @Arg('id', () => GraphQLID) id: string,
    @Arg('version', () => GraphQLInt) version: number,
    @Arg('input', () => OpinionInput) input: OpinionInput,
    @Ctx() context: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<unknown> {
    checkId(id, 'id');
    await fire(context.writer, context.access, 'opinion', { id, version }, async (step) => {
      if (step.handling!.answeredOn) throw missingFact('id', '本单位已提交过协办意见', 'Your unit gave its opinion already');
      const opinion = text(input.answer, 'input.answer', { zh: '协办意见', en: 'The opinion' }, 20000);
      const on = step.dateOf(input.answeredOn, 'input.answeredOn', step.handling!.assignedOn);
      // The handling's answer; the case's state and answer stay the lead's.
      await run(step.tx, `update suggestion_handling set answered_on = ?, answer = ? where id = ?`, [on, opinion, id]);
      await step.record({ step: 'OPINION', to: step.suggestion.status, on, handlingId: id, organisationId: step.handling!.organisationId, note: opinion.slice(0, 1900) });
    });
    return context.reader.compiledOne(modelOf(SuggestionHandling), id, false, info);
  }

  @Mutation(() => Suggestion, { name: mutationName('feedback'), description: describeStep('feedback') })
  async feedback(
    @Arg('id', () => GraphQLID) id: string,
    @Arg('version', () => GraphQLInt) version: number,
    @Arg('input', () => FeedbackInput) input: FeedbackInput,
    @Ctx() context: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<unknown> {
    checkId(id, 'id');
    await fire(context.writer, context.access, 'feedback', { id, version }, async (step) => {
      const on = step.dateOf(input.feedbackOn, 'input.feedbackOn', step.suggestion.answeredOn);
      // Every live handling gets exactly one satisfaction, and nothing else does.
      const handlings = await rowsOf<{ id: string; organisationId: string }>(
        step.tx,
        sql`select "id"::text as id, "organisation_id"::text as "organisationId" from "suggestion_handling" where "suggestion_id" = ${id} and "deleted_at" is null order by "id"`,
      );
      const given = new Map(input.satisfactions.map((item) => [item.handlingId, item.satisfaction]));
      input.satisfactions.forEach((item, index) => {
        if (!handlings.some((handling) => handling.id === item.handlingId))
          throw missingFact(`input.satisfactions.${index}.handlingId`, '这不是本建议的承办', 'This is not a handling of the suggestion');
      });
      if (given.size !== input.satisfactions.length) throw missingFact('input.satisfactions', '每个承办单位只能有一个满意度', 'One satisfaction per handling');
      const without = handlings.find((handling) => !given.has(handling.id));
      if (without) throw missingFact('input.satisfactions', '请为每个承办单位录入代表满意度', 'Record the satisfaction with every handling');
      const worst = lowest([...given.values()]);
      const note = handlings.map((handling) => Satisfaction.label(given.get(handling.id)!, 'zh')).join('、');
      if (worst === 'DISSATISFIED' && !step.suggestion.reopened) {
        // 重新办理, once: the answers go back to the units with a new due date; the history keeps what they were.
        const dueOn = dueAfter(on);
        await run(step.tx, `update suggestion_handling set answered_on = null, answer_category = null, answer = null, satisfaction = null, due_on = ? where suggestion_id = ? and deleted_at is null`, [
          dueOn,
          id,
        ]);
        await run(step.tx, `update suggestion set status = 'IN_PROGRESS', reopened = true, answered_on = null, answer_category = null, satisfaction = null, answer_due_on = ? where id = ?`, [
          dueOn,
          id,
        ]);
        await step.record({ step: 'REOPEN', to: 'IN_PROGRESS', on, dueOn, note });
        return;
      }
      for (const [handlingId, satisfaction] of given) await run(step.tx, `update suggestion_handling set satisfaction = ? where id = ?`, [satisfaction, handlingId]);
      if (worst === 'DISSATISFIED') {
        // A second dissatisfied feedback closes the case, marked as such.
        await run(step.tx, `update suggestion set status = 'CLOSED', satisfaction = ?, closed_on = ?, closed_dissatisfied = true where id = ?`, [worst, on, id]);
        await step.record({ step: 'CLOSE', to: 'CLOSED', on, note });
        return;
      }
      await run(step.tx, `update suggestion set status = 'FEEDBACK', satisfaction = ? where id = ?`, [worst, id]);
      await step.record({ step: 'FEEDBACK', to: 'FEEDBACK', on, note });
    });
    return context.reader.compiledOne(modelOf(Suggestion), id, false, info);
  }

  @Mutation(() => Suggestion, { name: mutationName('close'), description: describeStep('close') })
  async close(
    @Arg('id', () => GraphQLID) id: string,
    @Arg('version', () => GraphQLInt) version: number,
    @Arg('input', () => CloseInput, { nullable: true }) input: CloseInput | null,
    @Ctx() context: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<unknown> {
    checkId(id, 'id');
    await fire(context.writer, context.access, 'close', { id, version }, async (step) => {
      const on = step.dateOf(input?.closedOn, 'input.closedOn', step.suggestion.answeredOn);
      await run(step.tx, `update suggestion set status = 'CLOSED', closed_on = ? where id = ?`, [on, id]);
      await step.record({ step: 'CLOSE', to: 'CLOSED', on });
    });
    return context.reader.compiledOne(modelOf(Suggestion), id, false, info);
  }

  @Mutation(() => Suggestion, { name: mutationName('supervise'), description: describeStep('supervise') })
  async supervise(
    @Arg('id', () => GraphQLID) id: string,
    @Arg('version', () => GraphQLInt) version: number,
    @Arg('input', () => SuperviseInput) input: SuperviseInput,
    @Ctx() context: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<unknown> {
    checkId(id, 'id');
    await fire(context.writer, context.access, 'supervise', { id, version }, async (step) => {
      const on = step.dateOf(input.decidedOn, 'input.decidedOn', step.suggestion.submittedOn);
      if (input.keySupervised) {
        const leader = text(input.leader, 'input.leader', { zh: '督办领导', en: 'The responsible leader' }, 60);
        // Nothing to decide: the history records decisions, not repeats of the standing one.
        if (step.suggestion.keySupervised && step.suggestion.supervisingLeader === leader) {
          throw missingFact('input.keySupervised', `这件建议已由${leader}重点督办`, `The suggestion is key-supervised by ${leader} already`);
        }
        await run(step.tx, `update suggestion set key_supervised = true, supervising_leader = ? where id = ?`, [leader, id]);
        await step.record({ step: 'SUPERVISE', to: step.suggestion.status, on, note: leader });
      } else {
        if (!step.suggestion.keySupervised) throw missingFact('input.keySupervised', '这件建议不在重点督办之列', 'The suggestion is not key-supervised');
        await run(step.tx, `update suggestion set key_supervised = false, supervising_leader = null where id = ?`, [id]);
        await step.record({ step: 'UNSUPERVISE', to: step.suggestion.status, on });
      }
    });
    return context.reader.compiledOne(modelOf(Suggestion), id, false, info);
  }

  @Mutation(() => SuggestionHandling, { name: mutationName('requestReassignment'), description: describeStep('requestReassignment') })
  async requestReassignment(
    @Arg('id', () => GraphQLID) id: string,
    @Arg('version', () => GraphQLInt) version: number,
    @Arg('input', () => RequestReassignmentInput) input: RequestReassignmentInput,
    @Ctx() context: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<unknown> {
    checkId(id, 'id');
    await fire(context.writer, context.access, 'requestReassignment', { id, version }, async (step) => {
      const reason = text(input.reason, 'input.reason', { zh: '申请理由', en: 'The reason' }, 500);
      if (step.handling!.reassignmentStatus === 'REQUESTED') throw missingFact('id', '已有待审定的调整申请', 'A request is already waiting for a decision');
      await run(step.tx, `update suggestion_handling set reassignment_status = 'REQUESTED', reassignment_reason = ? where id = ?`, [reason, id]);
      await step.record({ step: 'REQUEST_REASSIGNMENT', to: step.suggestion.status, on: step.dateOf(null, 'id', null), handlingId: id, organisationId: step.handling!.organisationId, note: reason });
    });
    return context.reader.compiledOne(modelOf(SuggestionHandling), id, false, info);
  }

  @Mutation(() => SuggestionHandling, { name: mutationName('decideReassignment'), description: describeStep('decideReassignment') })
  async decideReassignment(
    @Arg('id', () => GraphQLID) id: string,
    @Arg('version', () => GraphQLInt) version: number,
    @Arg('input', () => DecideReassignmentInput) input: DecideReassignmentInput,
    @Ctx() context: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<unknown> {
    checkId(id, 'id');
    await fire(context.writer, context.access, 'decideReassignment', { id, version }, async (step) => {
      const handling = step.handling!;
      if (handling.reassignmentStatus !== 'REQUESTED') throw missingFact('id', '这个承办没有待审定的调整申请', 'No re-assignment request is waiting on this handling');
      const on = step.dateOf(input.decidedOn, 'input.decidedOn', handling.assignedOn);
      const note = input.note?.trim() || null;
      if (!input.accept) {
        await run(step.tx, `update suggestion_handling set reassignment_status = 'REFUSED' where id = ?`, [id]);
        await step.record({ step: 'REFUSE_REASSIGNMENT', to: step.suggestion.status, on, handlingId: id, organisationId: handling.organisationId, note });
        return;
      }
      if (!input.organisationId) throw missingFact('input.organisationId', '同意调整时请指定新的承办单位', 'Name the new handling unit to accept');
      await organisations(step, [{ id: input.organisationId, path: 'input.organisationId' }]);
      const [taken] = await rowsOf<{ n: number }>(
        step.tx,
        sql`select count(*)::int as n from "suggestion_handling" where "suggestion_id" = ${step.suggestion.id} and "organisation_id" = ${input.organisationId} and "deleted_at" is null`,
      );
      if (taken.n > 0) throw missingFact('input.organisationId', '该单位已承办这件建议', 'That unit handles the suggestion already');
      // The handling passes to the new unit, due three months on; the old unit no longer sees it.
      const dueOn = dueAfter(on);
      await run(step.tx, `update suggestion_handling set organisation_id = ?, assigned_on = ?, due_on = ?, started_on = null, reassignment_status = 'ACCEPTED' where id = ?`, [
        input.organisationId,
        on,
        dueOn,
        id,
      ]);
      if (handling.role === 'LEAD') await run(step.tx, `update suggestion set answer_due_on = ? where id = ?`, [dueOn, step.suggestion.id]);
      await step.record({ step: 'ACCEPT_REASSIGNMENT', to: step.suggestion.status, on, handlingId: id, organisationId: input.organisationId, dueOn, note });
    });
    return context.reader.compiledOne(modelOf(SuggestionHandling), id, false, info);
  }
}
