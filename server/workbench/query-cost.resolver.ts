/** `queryCost`: what the workbench shows before running a query — its cost against the limit (query-cost.ts). */
import { GraphQLError, type GraphQLResolveInfo } from 'graphql';
import { Arg, Field, Info, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { JSONScalar } from '../../schema/model/scalars.js';
import { AppError } from '../graphql/errors.js';
import { estimateQueryText } from './query-cost.js';
import { checkTokens } from '../graphql/limits.js';
import type { QueryLimits } from '../graphql/query-limits.js';

@ObjectType('QueryCost', { description: '查询代价估算 / The estimated cost of a query', simpleResolvers: true })
class QueryCostResult {
  @Field(() => Int, { description: '估算代价 / The estimated cost' }) cost!: number;
  @Field(() => Int, { description: '允许的上限 / The limit a query may not exceed' }) limit!: number;
  @Field(() => Int, { description: '嵌套深度 / Nesting depth' }) depth!: number;
  @Field(() => Int, { description: '筛选条件项数 / Conditions in the filters' }) filterTerms!: number;
  @Field(() => Int, { description: '筛选条件项数上限 / The most conditions the filters may hold' }) filterTermLimit!: number;
}

/** `limits`: the text is held to the token limit every document is (it is parsed here), the cost shown against the cost limit. */
export function queryCostResolver(limits: Pick<QueryLimits, 'cost' | 'tokens' | 'filterTerms'>): Function {
  @Resolver()
  class QueryCostResolver {
    @Query(() => QueryCostResult, { description: '估算查询代价（运行前）/ A query’s cost, estimated before it runs' })
    queryCost(
      @Info() info: GraphQLResolveInfo,
      @Arg('query', () => String) query: string,
      @Arg('variables', () => JSONScalar, { nullable: true }) variables?: Record<string, unknown> | null,
      @Arg('operationName', () => String, { nullable: true }) operationName?: string | null,
    ): QueryCostResult {
      checkTokens(query, limits.tokens);
      try {
        return { ...estimateQueryText(info.schema, query, variables ?? {}, operationName), limit: limits.cost, filterTermLimit: limits.filterTerms };
      } catch (error) {
        if (error instanceof GraphQLError) {
          throw new AppError('BAD_USER_INPUT', { zh: `查询有误：${error.message}`, en: `The query is malformed: ${error.message}` }, { field: 'query' });
        }
        throw error;
      }
    }
  }
  return QueryCostResolver;
}
