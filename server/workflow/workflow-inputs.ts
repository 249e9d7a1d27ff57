/**
 * The inputs of the suggestion workflow's mutations (schema/shared/suggestion-workflow.ts), named by the
 * inflection module (`workflowInput`): each carries the facts its transition needs; a date left out is today
 * in China.
 */
import { GraphQLBoolean, GraphQLID, GraphQLString } from 'graphql';
import { Field, InputType } from 'type-graphql';
import { graphqlEnum } from '../../schema/model/fields.js';
import { DateScalar } from '../../schema/model/scalars.js';
import { AnswerCategory, ReviewDecision, Satisfaction } from '../../schema/shared/enums.js';
import { inflection } from '../../schema/shared/inflection.js';
import { workflowTransition } from '../../schema/shared/suggestion-workflow.js';

// Registered before any schema is built (type-graphql reads enums registered by then).
const ReviewDecisionEnum = graphqlEnum(ReviewDecision);
const AnswerCategoryEnum = graphqlEnum(AnswerCategory);
const SatisfactionEnum = graphqlEnum(Satisfaction);

const nameOf = (name: Parameters<typeof workflowTransition>[0]) => inflection.workflowInput(workflowTransition(name));

@InputType(nameOf('review'), { description: '审查：立案、不予立案或并案 / A review: accept, do not accept, or merge' })
export class ReviewInput {
  @Field(() => ReviewDecisionEnum) decision!: ReviewDecision;
  @Field(() => GraphQLString, { nullable: true, description: '不予立案的理由（不予立案时必填）/ Why not accepted (required then)' }) reason?: string | null;
  @Field(() => GraphQLID, { nullable: true, description: '并入的建议（并案时必填）/ The suggestion merged into (required then)' }) mergedIntoId?: string | null;
  @Field(() => DateScalar, { nullable: true, description: '审查日期，默认今天 / Reviewed on, by default today' }) reviewedOn?: string | null;
}

@InputType('SuggestionHandlerInput', { description: '交办的一个承办单位 / One handling unit of an assignment' })
export class HandlerInput {
  @Field(() => GraphQLID) organisationId!: string;
  @Field(() => DateScalar, { nullable: true, description: '答复期限，默认交办之日起三个月 / Due on, by default three months after assignment' }) dueOn?: string | null;
}

@InputType(nameOf('assign'), { description: '交办：一个主办单位和任意协办单位 / An assignment: one lead handling unit and any co-handlers' })
export class AssignInput {
  @Field(() => HandlerInput) lead!: HandlerInput;
  @Field(() => [HandlerInput], { defaultValue: [] }) coHandlers!: HandlerInput[];
  @Field(() => DateScalar, { nullable: true, description: '交办日期，默认今天 / Assigned on, by default today' }) assignedOn?: string | null;
}

@InputType(nameOf('start'), { description: '开始办理 / Handling started' })
export class StartInput {
  @Field(() => DateScalar, { nullable: true, description: '开始日期，默认今天 / Started on, by default today' }) startedOn?: string | null;
}

@InputType(nameOf('answer'), { description: '主办单位的答复 / The lead unit’s answer' })
export class AnswerInput {
  @Field(() => GraphQLString) answer!: string;
  @Field(() => AnswerCategoryEnum) answerCategory!: AnswerCategory;
  @Field(() => DateScalar, { nullable: true, description: '答复日期，默认今天 / Answered on, by default today' }) answeredOn?: string | null;
}

@InputType(nameOf('opinion'), { description: '协办单位交主办单位的协办意见 / A co-handling unit’s opinion, given to the lead unit' })
export class OpinionInput {
  @Field(() => GraphQLString) answer!: string;
  @Field(() => DateScalar, { nullable: true, description: '提交日期，默认今天 / Given on, by default today' }) answeredOn?: string | null;
}

@InputType('SuggestionHandlingSatisfactionInput', { description: '一个承办单位答复的满意度 / The satisfaction with one handling' })
export class SatisfactionInput {
  @Field(() => GraphQLID) handlingId!: string;
  @Field(() => SatisfactionEnum) satisfaction!: Satisfaction;
}

@InputType(nameOf('feedback'), { description: '代表对各承办单位答复的满意度，由办公室录入 / The deputy’s satisfaction per handling, recorded by the secretariat' })
export class FeedbackInput {
  @Field(() => [SatisfactionInput]) satisfactions!: SatisfactionInput[];
  @Field(() => DateScalar, { nullable: true, description: '反馈日期，默认今天 / Fed back on, by default today' }) feedbackOn?: string | null;
}

@InputType(nameOf('close'), { description: '办结 / Closing' })
export class CloseInput {
  @Field(() => DateScalar, { nullable: true, description: '办结日期，默认今天 / Closed on, by default today' }) closedOn?: string | null;
}

@InputType(nameOf('supervise'), { description: '重点督办：列入（须有督办领导）或取消 / Key supervision: set (with its responsible leader) or ended' })
export class SuperviseInput {
  @Field(() => GraphQLBoolean) keySupervised!: boolean;
  @Field(() => GraphQLString, { nullable: true, description: '督办领导（列入时必填）/ The responsible leader (required to set it)' }) leader?: string | null;
  @Field(() => DateScalar, { nullable: true, description: '决定日期，默认今天 / Decided on, by default today' }) decidedOn?: string | null;
}

@InputType(nameOf('requestReassignment'), { description: '承办单位申请调整 / A unit asks to be relieved' })
export class RequestReassignmentInput {
  @Field(() => GraphQLString) reason!: string;
}

@InputType(nameOf('decideReassignment'), { description: '办公室审定调整申请 / The secretariat decides on a re-assignment request' })
export class DecideReassignmentInput {
  @Field(() => GraphQLBoolean) accept!: boolean;
  @Field(() => GraphQLID, { nullable: true, description: '新承办单位（同意时必填）/ The new handling unit (required to accept)' }) organisationId?: string | null;
  @Field(() => GraphQLString, { nullable: true, description: '说明 / A note' }) note?: string | null;
  @Field(() => DateScalar, { nullable: true, description: '改派日期，默认今天 / Re-assigned on, by default today' }) decidedOn?: string | null;
}
