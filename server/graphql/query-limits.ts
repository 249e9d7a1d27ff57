/** The limits every GraphQL operation is held to (enforced by limits.ts), and their defaults (README "Security and limits"). */
import { defaultQueryCostLimit } from '../workbench/query-cost.js';

export type QueryLimits = { depth: number; aliases: number; tokens: number; directives: number; cost: number };

/** Generous for the console and the workbench (the console's deepest screen is 6 levels), tight for abuse. */
export const defaultQueryLimits: QueryLimits = { depth: 12, aliases: 30, tokens: 5000, directives: 20, cost: defaultQueryCostLimit };
