/**
 * The committed migrations, in order. Listed explicitly (not globbed from disk) so the same list runs
 * under tsx, vitest and the compiled dist/ alike. `npm run migration:create` rewrites this file.
 */
import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261122000000_foundation } from './Migration20261122000000_foundation.js';
import { Migration20261122234415_domain } from './Migration20261122234415_domain.js';
import { Migration20261123001000_row_counts } from './Migration20261123001000_row_counts.js';
import { Migration20261123001500_planner_costs } from './Migration20261123001500_planner_costs.js';
import { Migration20261123015000_metric_facts } from './Migration20261123015000_metric_facts.js';
import { Migration20261123020256_dashboard } from './Migration20261123020256_dashboard.js';
import { Migration20261123030000_metric_values } from './Migration20261123030000_metric_values.js';
import { Migration20261123041342_access } from './Migration20261123041342_access.js';
import { Migration20261123043556_dashboard_owner } from './Migration20261123043556_dashboard_owner.js';
import { Migration20261123044603_saved_query } from './Migration20261123044603_saved_query.js';
import { Migration20261123060000_metric_value_text } from './Migration20261123060000_metric_value_text.js';
import { Migration20261203090000_rate_limits } from './Migration20261203090000_rate_limits.js';
import { Migration20261203120000_audit_chain_head } from './Migration20261203120000_audit_chain_head.js';
import { Migration20261203130000_session_actors } from './Migration20261203130000_session_actors.js';
import { Migration20261206000000_facts_owned } from './Migration20261206000000_facts_owned.js';
import { Migration20261206100000_birth_year } from './Migration20261206100000_birth_year.js';
import { Migration20261206110000_import_operation } from './Migration20261206110000_import_operation.js';
import { Migration20261206120000_audit_append_rows } from './Migration20261206120000_audit_append_rows.js';
import { Migration20261206130000_import_job } from './Migration20261206130000_import_job.js';
import { Migration20261206140000_dry_run } from './Migration20261206140000_dry_run.js';
import { Migration20261206150000_analyze_after_import } from './Migration20261206150000_analyze_after_import.js';
import { Migration20261207090000_search_grams } from './Migration20261207090000_search_grams.js';
import { Migration20261208090000_metric_replay } from './Migration20261208090000_metric_replay.js';
import { Migration20261209090000_suggestion_workflow } from './Migration20261209090000_suggestion_workflow.js';
import { Migration20261210090000_attachments } from './Migration20261210090000_attachments.js';
import { Migration20261210100000_deadline_notices } from './Migration20261210100000_deadline_notices.js';
import { Migration20261211090000_key_supervision } from './Migration20261211090000_key_supervision.js';
import { Migration20261212090000_pinyin } from './Migration20261212090000_pinyin.js';
import { Migration20261212100000_region_within } from './Migration20261212100000_region_within.js';
import { Migration20261212110000_group_dissolution } from './Migration20261212110000_group_dissolution.js';
import { Migration20261212120000_answered_late } from './Migration20261212120000_answered_late.js';
import { Migration20261213090000_advisory_members } from './Migration20261213090000_advisory_members.js';
import { Migration20261213100000_hearing_activity } from './Migration20261213100000_hearing_activity.js';
import { Migration20261213110000_commended_suggestion } from './Migration20261213110000_commended_suggestion.js';
import { Migration20261213120000_full_time_members } from './Migration20261213120000_full_time_members.js';

export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261122000000_foundation', class: Migration20261122000000_foundation },
  { name: 'Migration20261122234415_domain', class: Migration20261122234415_domain },
  { name: 'Migration20261123001000_row_counts', class: Migration20261123001000_row_counts },
  { name: 'Migration20261123001500_planner_costs', class: Migration20261123001500_planner_costs },
  { name: 'Migration20261123015000_metric_facts', class: Migration20261123015000_metric_facts },
  { name: 'Migration20261123020256_dashboard', class: Migration20261123020256_dashboard },
  { name: 'Migration20261123030000_metric_values', class: Migration20261123030000_metric_values },
  { name: 'Migration20261123041342_access', class: Migration20261123041342_access },
  { name: 'Migration20261123043556_dashboard_owner', class: Migration20261123043556_dashboard_owner },
  { name: 'Migration20261123044603_saved_query', class: Migration20261123044603_saved_query },
  { name: 'Migration20261123060000_metric_value_text', class: Migration20261123060000_metric_value_text },
  { name: 'Migration20261203090000_rate_limits', class: Migration20261203090000_rate_limits },
  { name: 'Migration20261203120000_audit_chain_head', class: Migration20261203120000_audit_chain_head },
  { name: 'Migration20261203130000_session_actors', class: Migration20261203130000_session_actors },
  { name: 'Migration20261206000000_facts_owned', class: Migration20261206000000_facts_owned },
  { name: 'Migration20261206100000_birth_year', class: Migration20261206100000_birth_year },
  { name: 'Migration20261206110000_import_operation', class: Migration20261206110000_import_operation },
  { name: 'Migration20261206120000_audit_append_rows', class: Migration20261206120000_audit_append_rows },
  { name: 'Migration20261206130000_import_job', class: Migration20261206130000_import_job },
  { name: 'Migration20261206140000_dry_run', class: Migration20261206140000_dry_run },
  { name: 'Migration20261206150000_analyze_after_import', class: Migration20261206150000_analyze_after_import },
  { name: 'Migration20261207090000_search_grams', class: Migration20261207090000_search_grams },
  { name: 'Migration20261208090000_metric_replay', class: Migration20261208090000_metric_replay },
  { name: 'Migration20261209090000_suggestion_workflow', class: Migration20261209090000_suggestion_workflow },
  { name: 'Migration20261210090000_attachments', class: Migration20261210090000_attachments },
  { name: 'Migration20261210100000_deadline_notices', class: Migration20261210100000_deadline_notices },
  { name: 'Migration20261211090000_key_supervision', class: Migration20261211090000_key_supervision },
  { name: 'Migration20261212090000_pinyin', class: Migration20261212090000_pinyin },
  { name: 'Migration20261212100000_region_within', class: Migration20261212100000_region_within },
  { name: 'Migration20261212110000_group_dissolution', class: Migration20261212110000_group_dissolution },
  { name: 'Migration20261212120000_answered_late', class: Migration20261212120000_answered_late },
  { name: 'Migration20261213090000_advisory_members', class: Migration20261213090000_advisory_members },
  { name: 'Migration20261213100000_hearing_activity', class: Migration20261213100000_hearing_activity },
  { name: 'Migration20261213110000_commended_suggestion', class: Migration20261213110000_commended_suggestion },
  { name: 'Migration20261213120000_full_time_members', class: Migration20261213120000_full_time_members },
];
