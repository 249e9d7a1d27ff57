/** `--reset`: empties every table of the model (and the demo marker) in one statement; the schema stays. */
import type pg from 'pg';
import { domainEntities } from '../schema/entities.js';
import { installExampleQueries } from '../server/workbench/examples.js';
import { modelOf } from '../schema/model/registry.js';
import { invalidateMetricFacts } from '../server/metrics/facts.js';
import { demoMarker } from './demo/load-demo.js';

export async function resetData(client: pg.ClientBase): Promise<void> {
  const tables = domainEntities.map((entity) => `"${modelOf(entity).table}"`).join(', ');
  await client.query('begin');
  // Attachments' bytes lie in a table of their own that references theirs (migration …_attachments): emptied with them.
  await client.query(`truncate ${tables}, "attachment_content" restart identity`);
  await client.query(`update row_count set live = 0`);
  await invalidateMetricFacts(client); // truncation fires no triggers: the next comparison rebuilds the facts
  await client.query(`delete from setting where key = $1`, [demoMarker]);
  await client.query('commit');
  await installExampleQueries(client);
}
