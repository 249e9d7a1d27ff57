/**
 * The suggestion workflow enforced (schema/shared/suggestion-workflow.ts declares it): each transition, in the
 * operation's one transaction, finds the record within the user's read reach (else NOT_FOUND, as a missing one),
 * locks the suggestion, checks the role and unit the table names, the version, the state and the facts — in
 * that order, so nothing is said of what the user may not read — then writes the suggestion and its handlings
 * with new versions (the audit trigger records each change under the user's session) and one
 * SuggestionTransition row per step: the history of the case.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { Suggestion } from '../../schema/entities/suggestion.entity.js';
import { SuggestionHandling } from '../../schema/entities/suggestion-handling.entity.js';
import { modelOf, type ModelMeta } from '../../schema/model/registry.js';
import { Satisfaction, type HandlerRole, type ReassignmentStatus, type SuggestionStatus, type SuggestionStep } from '../../schema/shared/enums.js';
import { addMonths, answerMonths, workflowParties, workflowTransition, type WorkflowParty, type WorkflowTransition, type WorkflowTransitionName } from '../../schema/shared/suggestion-workflow.js';
import { todayInChina } from '../../schema/shared/validators.js';
import type { Access } from '../access/access.js';
import { actorLabel } from '../access/actor.js';
import { notFound, rowsOf, type VersionedId, type Writer } from '../api/writer.js';
import { AppError } from '../graphql/errors.js';
import { and, sql } from '../sql/sql.js';
import { missingFact, wrongOrganisation, wrongRole, wrongState } from './workflow-refusals.js';

export type SuggestionRow = {
  id: string;
  version: number;
  status: SuggestionStatus;
  submittedOn: string;
  assignedOn: string | null;
  answeredOn: string | null;
  reopened: boolean;
  keySupervised: boolean;
  supervisingLeader: string | null;
  writable: boolean;
};

export type HandlingRow = {
  id: string;
  version: number;
  suggestionId: string;
  organisationId: string;
  role: HandlerRole;
  assignedOn: string | null;
  startedOn: string | null;
  answeredOn: string | null;
  reassignmentStatus: ReassignmentStatus | null;
};

/** What a transition's work sees: the locked suggestion (and handling), and how to write steps. */
export type Step = {
  tx: EntityManager;
  access: Access;
  transition: WorkflowTransition;
  suggestion: SuggestionRow;
  handling?: HandlingRow;
  /** A date of the input, or today in China; never in the future, never before `notBefore`. */
  dateOf: (value: string | null | undefined, field: string, notBefore: string | null) => string;
  /** Records one step of the history. */
  record: (entry: { step: SuggestionStep; to: SuggestionStatus; on: string; handlingId?: string | null; organisationId?: string | null; dueOn?: string | null; note?: string | null }) => Promise<void>;
};

const suggestionModel = () => modelOf(Suggestion);
const handlingModel = () => modelOf(SuggestionHandling);

const conflict = (model: ModelMeta, id: string, currentVersion: number) =>
  new AppError(
    'CONFLICT',
    { zh: `${model.labelZh}（编号 ${id}）已被他人修改，请刷新后重试`, en: `${model.labelEn} ${id} was changed by someone else meanwhile; reload and try again` },
    { currentVersion, field: 'version' },
  );

/** Runs in the statement's transaction: rows of `select`s, nothing of `update`s. */
export const run = (tx: EntityManager, text: string, values: unknown[]) => tx.execute(text, values);

/** A suggestion within the user's read reach, locked for the transaction (of two acts on one case, the second sees what the first did). */
export async function loadSuggestion(tx: EntityManager, access: Access, id: string): Promise<SuggestionRow | undefined> {
  const model = suggestionModel();
  const [row] = await rowsOf<SuggestionRow>(
    tx,
    sql`select t."id"::text as id, t."version" as version, t."status" as status, t."submitted_on"::text as "submittedOn", t."assigned_on"::text as "assignedOn",
          t."answered_on"::text as "answeredOn", t."reopened" as reopened, t."key_supervised" as "keySupervised", t."supervising_leader" as "supervisingLeader", ${and([access.writeScope(model, 't')])} as writable
        from "suggestion" t where ${and([sql`t."id" = ${id}`, sql`t."deleted_at" is null`, access.readScope(model, 't')])} for update of t`,
  );
  return row;
}

/** A handling within the user's read reach, locked for the transaction. */
export async function loadHandling(tx: EntityManager, access: Access, id: string): Promise<HandlingRow | undefined> {
  const [row] = await rowsOf<HandlingRow>(
    tx,
    sql`select t."id"::text as id, t."version" as version, t."suggestion_id"::text as "suggestionId", t."organisation_id"::text as "organisationId", t."role" as role,
          t."assigned_on"::text as "assignedOn", t."started_on"::text as "startedOn", t."answered_on"::text as "answeredOn", t."reassignment_status" as "reassignmentStatus"
        from "suggestion_handling" t where ${and([sql`t."id" = ${id}`, sql`t."deleted_at" is null`, access.readScope(handlingModel(), 't')])} for update of t`,
  );
  return row;
}

/** Why the user is not the party named for this case: a role it is not for, a region not theirs, a unit not theirs, the lead where a co-handler acts or the reverse. */
export type PartyMismatch = 'ROLE' | 'REGION' | 'UNIT' | 'HANDLING_ROLE';

/**
 * Whether the user is `party` for this suggestion (and handling) — the one rule the workflow's transitions and
 * the attachments both follow: the secretariat within its write reach, a unit's staff on their own unit's
 * handling (the lead's or a co-handler's, where the party names which). A handler reads only their unit's handlings, so one
 * they found is theirs; the unit is checked all the same.
 */
export function partyMismatch(access: Access, party: WorkflowParty, suggestion: SuggestionRow, handling: HandlingRow | undefined): PartyMismatch | null {
  const { actor } = access;
  const declared = workflowParties[party];
  if (!declared.roles.includes(actor.role)) return 'ROLE';
  if (party === 'secretariat') return suggestion.writable ? null : 'REGION';
  if (!handling || handling.organisationId !== actor.organisationId) return 'UNIT';
  if (declared.handling && handling.role !== declared.handling) return 'HANDLING_ROLE';
  return null;
}

/** The transition's refusal when the user is not its party for this case. */
function checkParty(access: Access, transition: WorkflowTransition, suggestion: SuggestionRow, handling: HandlingRow | undefined): void {
  const { actor } = access;
  const mismatch = partyMismatch(access, transition.by, suggestion, handling);
  if (mismatch === 'ROLE') throw wrongRole(actor.role, transition);
  if (mismatch === 'REGION')
    throw wrongOrganisation(transition, { zh: `这件建议不属于您的区划（${actor.regionName ?? '—'}）`, en: `the suggestion is not of your region (${actor.regionName ?? '—'})` });
  if (mismatch === 'UNIT') throw wrongOrganisation(transition, { zh: '这不是本单位的承办', en: 'this handling is not your unit’s' });
  if (mismatch === 'HANDLING_ROLE') {
    throw wrongOrganisation(
      transition,
      transition.by === 'coHandler'
        ? { zh: '这一步由协办单位办理，主办单位直接答复代表', en: 'the co-handling units do this; the lead unit answers the deputy' }
        : { zh: '这一步由主办单位办理，协办单位的意见交主办单位', en: 'the lead handling unit does this; co-handlers give their opinion to the lead' },
    );
  }
}

/**
 * Fires one transition: `target` names the record the mutation is on (a suggestion, or a handling) with the
 * version the client read; `work` checks the facts and writes. Returns the target's id for the answer.
 */
export async function fire(writer: Writer, access: Access, name: WorkflowTransitionName, target: VersionedId, work: (step: Step) => Promise<void>): Promise<string> {
  const transition = workflowTransition(name);
  return writer.transaction(async (tx) => {
    let handling: HandlingRow | undefined;
    let suggestion: SuggestionRow | undefined;
    if (transition.on === 'SuggestionHandling') {
      handling = await loadHandling(tx, access, target.id);
      if (!handling) throw notFound(handlingModel(), target.id, 'id');
      suggestion = await loadSuggestion(tx, access, handling.suggestionId);
      if (!suggestion) throw notFound(handlingModel(), target.id, 'id');
    } else {
      suggestion = await loadSuggestion(tx, access, target.id);
      if (!suggestion) throw notFound(suggestionModel(), target.id, 'id');
    }
    checkParty(access, transition, suggestion, handling);
    const current = handling ?? suggestion;
    if (current.version !== target.version) throw conflict(transition.on === 'Suggestion' ? suggestionModel() : handlingModel(), target.id, current.version);
    if (!transition.from.includes(suggestion.status)) throw wrongState(transition, suggestion.status);
    const today = todayInChina();
    const actorName = actorLabel(access.actor);
    const state = suggestion;
    const step: Step = {
      tx,
      access,
      transition,
      suggestion,
      handling,
      dateOf(value, field, notBefore) {
        const date = value ?? today;
        if (date > today) throw missingFact(field, '这是已经发生的事：日期不能晚于今天', 'This has already happened: the date cannot be later than today');
        if (notBefore && date < notBefore) throw missingFact(field, `日期不能早于${notBefore}（上一步的日期）`, `The date cannot be before ${notBefore} (the step before it)`);
        return date;
      },
      async record(entry) {
        await run(
          tx,
          `insert into suggestion_transition (suggestion_id, handling_id, organisation_id, step, from_status, to_status, occurred_on, due_on, actor_name, note) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [state.id, entry.handlingId ?? null, entry.organisationId ?? null, entry.step, state.status, entry.to, entry.on, entry.dueOn ?? null, actorName, entry.note ?? null],
        );
      },
    };
    await work(step);
    // Every step takes new versions of what it was fired on, so a client holding the old one cannot follow it unnoticed.
    await run(tx, `update suggestion set version = version + 1, updated_at = now() where id = ?`, [suggestion.id]);
    if (handling) await run(tx, `update suggestion_handling set version = version + 1, updated_at = now() where id = ?`, [handling.id]);
    return target.id;
  });
}

/** Three months after `date`, or the date the secretariat set. */
export const dueAfter = (date: string, given?: string | null) => given ?? addMonths(date, answerMonths);

/** The lowest of the satisfactions given (the enum lists the best first): the case's satisfaction. */
export function lowest(values: readonly Satisfaction[]): Satisfaction {
  return values.reduce((worst, value) => (Satisfaction.values.indexOf(value) > Satisfaction.values.indexOf(worst) ? value : worst));
}
