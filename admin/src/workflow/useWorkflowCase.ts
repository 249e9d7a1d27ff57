/**
 * What the workflow panel reads of one case, in one request: its state and version, its handlings (each with
 * its version, its unit, its answer and its files) and its history — each part only if the user may read it
 * (a unit's staff read no organisation: to them the units are absent). And the API's
 * introspection, which the step forms are built from (admin/src/workflow/dialogFields.ts).
 */
import { useQuery } from '@tanstack/react-query';
import type { IntrospectionField, IntrospectionType } from 'graphql';
import { useDataProvider } from 'react-admin';
import { inflection } from '../../../schema/shared/inflection';
import type { AnswerCategory, HandlerRole, ReassignmentStatus, Satisfaction, SuggestionStatus, SuggestionStep } from '../../../schema/shared/enums';
import type { ConsoleDataProvider } from '../dataProvider/buildDataProvider';
import { useGraphQL } from '../dataProvider/useGraphQL';
import { useModel } from '../metadata/ModelContext';
import type { Model } from '../metadata/model';

export type CaseAttachment = { id: string; fileName: string };

export type CaseHandlingRecord = {
  id: string;
  version: number;
  role: HandlerRole;
  dueOn: string | null;
  startedOn: string | null;
  answeredOn: string | null;
  answerCategory: AnswerCategory | null;
  answer: string | null;
  satisfaction: Satisfaction | null;
  reassignmentStatus: ReassignmentStatus | null;
  reassignmentReason: string | null;
  /** Null to whoever may not read organisations (a unit's staff: the handling is then their own unit's). */
  organisation: { id: string; name: string } | null;
  attachments?: { nodes: CaseAttachment[] };
};

export type CaseTransitionRecord = {
  id: string;
  step: SuggestionStep;
  fromStatus: SuggestionStatus;
  toStatus: SuggestionStatus;
  occurredOn: string;
  dueOn: string | null;
  actorName: string;
  note: string | null;
  organisation: { name: string } | null;
};

export type CaseRecord = {
  id: string;
  version: number;
  status: SuggestionStatus;
  keySupervised: boolean;
  supervisingLeader: string | null;
  region: { code: string } | null;
  handlings: { nodes: CaseHandlingRecord[] };
  transitions?: { nodes: CaseTransitionRecord[] };
};

const mayList = (model: Model, entity: string) => model.find(entity)?.operations.includes('list') ?? false;
const mayRead = (model: Model, entity: string) => model.find(entity)?.operations.includes('read') ?? false;

/** The panel's query, selecting only what the user may read. */
export function caseQuery(model: Model): string {
  const suggestion = model.entity('Suggestion');
  const organisation = mayRead(model, 'Organisation') ? 'organisation { id name }' : '';
  const attachments = mayList(model, 'Attachment') ? 'attachments(orderBy: [{ field: createdAt, direction: ASC }], limit: 20) { nodes { id fileName } }' : '';
  const transitions = mayList(model, 'SuggestionTransition')
    ? `transitions(orderBy: [{ field: createdAt, direction: ASC }, { field: id, direction: ASC }], limit: 500) {
        nodes { id step fromStatus toStatus occurredOn dueOn actorName note ${mayRead(model, 'Organisation') ? 'organisation { name }' : ''} } }`
    : '';
  return `query workflowCase($id: ID!) { data: ${inflection.one(suggestion)}(id: $id) {
    id version status keySupervised supervisingLeader ${mayRead(model, 'Region') ? 'region { code }' : ''}
    handlings(limit: 100) { nodes { id version role dueOn startedOn answeredOn answerCategory answer satisfaction reassignmentStatus reassignmentReason ${organisation} ${attachments} } }
    ${transitions} } }`;
}

/** The case as it stands; refetched when the page refreshes (after a step, react-admin's refresh invalidates every query). */
export function useWorkflowCase(id: string | undefined) {
  const model = useModel();
  const graphql = useGraphQL();
  return useQuery({
    queryKey: ['crc', 'workflowCase', id],
    queryFn: async () => {
      const { data } = await graphql<{ data: CaseRecord | null }>(caseQuery(model), { id });
      if (!data) throw new Error('ra.notification.item_doesnt_exist');
      return { ...data, region: data.region ?? null, transitions: data.transitions ?? { nodes: [] } };
    },
    enabled: Boolean(id),
    refetchOnWindowFocus: false,
  });
}

export type ApiTypes = { types: readonly IntrospectionType[]; mutations: ReadonlyMap<string, IntrospectionField> };

/** The API's types, from the introspection the data provider made at sign-in. */
export function useApiTypes() {
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  return useQuery({
    queryKey: ['crc', 'introspection'],
    queryFn: async (): Promise<ApiTypes> => {
      const result = await dataProvider.introspection();
      const schema = result.schema as unknown as { types: readonly IntrospectionType[]; mutationType?: { name: string } | null };
      const root = schema.types.find((type) => type.name === schema.mutationType?.name);
      const fields = root && root.kind === 'OBJECT' ? root.fields : [];
      return { types: schema.types, mutations: new Map(fields.map((field) => [field.name, field])) };
    },
    staleTime: Infinity,
  });
}
