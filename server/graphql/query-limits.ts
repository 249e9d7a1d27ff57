/** The limits every GraphQL operation is held to (enforced by limits.ts), and their defaults (README "Security and limits"). */
import { defaultQueryCostLimit } from '../workbench/query-cost.js';

/**
 * `filterTerms`: conditions in all the filters of one operation (each operator, each `q`, each item of AND/OR;
 * an `in` list one per hundred values); `heavyCost`: from this estimated cost on, an operation reads on the
 * heavy pool, away from staff's interactive reads.
 */
export type QueryLimits = { depth: number; aliases: number; tokens: number; directives: number; cost: number; filterTerms: number; heavyCost: number };

/** Generous for the console and the workbench (the console's deepest screen is 6 levels), tight for abuse. */
export const defaultQueryLimits: QueryLimits = { depth: 12, aliases: 30, tokens: 5000, directives: 20, cost: defaultQueryCostLimit, filterTerms: 100, heavyCost: 5_000 };
