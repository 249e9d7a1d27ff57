/**
 * Funding: nothing is disbursed beyond the budget until the allocation is settled, and an allocation
 * below the standard in force (the region's own, or the nearest ancestor's) is flagged.
 */
import type { ModelRules } from './rule.js';
import { compareDecimal, multiplyDecimal, refuse, row } from './rule-helpers.js';
import { deputyLevelOfRegionLevel } from '../../schema/shared/enums.js';

type Standard = { amount: string; unit: string };

/** Deputies of the allocation region's own congress: county money for county deputies, township for township. */

export const fundingAllocationRules: ModelRules = {
  readsRecords: true,
  async derive(values, { em }) {
    const standard = await row<Standard>(
      em,
      `with recursive chain(id, parent_id, depth, level) as (
         select id, parent_id, 0, level from region where id = ?
         union all select r.id, r.parent_id, c.depth + 1, r.level from region r join chain c on r.id = c.parent_id)
       select s.amount_per_unit::text as amount, s.unit from funding_standard s join chain c on c.id = s.region_id
       where s.deleted_at is null and s.category = ? and s.effective_from_year <= ?
         and (s.deputy_level is null or s.deputy_level = ?)
       order by c.depth, s.effective_from_year desc, s.deputy_level nulls last limit 1`,
      [values.region, values.category, values.fiscalYear, deputyLevelOfRegionLevel[await regionLevel(em, values.region)] ?? null],
    );
    if (!standard) {
      values.belowStandard = false;
      return;
    }
    if (values.perCapitaStandard == null && standard.unit === 'PER_DEPUTY_YEAR') values.perCapitaStandard = standard.amount;
    const budgeted = String(values.budgeted);
    if (standard.unit === 'PER_DEPUTY_YEAR') {
      // Budget against standard × headcount: exact, with no per-capita rounding to hide a shortfall.
      const headcount = Number(values.headcount ?? 0);
      values.belowStandard = headcount > 0 && compareDecimal(budgeted, multiplyDecimal(standard.amount, headcount)) < 0;
    } else {
      values.belowStandard = compareDecimal(budgeted, standard.amount) < 0;
    }
  },
  check(values, { model }) {
    if (values.status !== 'SETTLED' && values.disbursed != null && compareDecimal(String(values.disbursed), String(values.budgeted)) > 0) {
      throw refuse(model, 'disbursed', `在结算前不能超过预算金额（${String(values.budgeted)} 元）`, `cannot exceed the budget (${String(values.budgeted)}) before settlement`);
    }
  },
};

async function regionLevel(em: Parameters<NonNullable<ModelRules['derive']>>[1]['em'], id: unknown): Promise<string> {
  return (await row<{ level: string }>(em, 'select level from region where id = ?', [id]))?.level ?? '';
}
