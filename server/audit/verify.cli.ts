/**
 * `npm run audit:verify`: checks the audit trail's hash chain and reports the first broken link (exit 1),
 * or how many entries hold together (exit 0). Connects like the seeds: DATABASE_OWNER_URL or the embedded
 * database under DATA_DIR.
 */
import 'reflect-metadata';
import { readConfig } from '../config.js';
import { ownerConnection } from '../db/owner-connection.js';
import { verifyAuditTrail } from './verify.js';

const connection = await ownerConnection(readConfig());
try {
  const outcome = await verifyAuditTrail(connection.client);
  if (outcome.ok) {
    process.stdout.write(`audit trail intact: ${outcome.entries} entries, every hash chained (${connection.describe})\n`);
  } else {
    process.stdout.write(`audit trail BROKEN at entry ${outcome.brokenAt}: ${outcome.reason}; ${outcome.entries - 1} entries before it hold together\n`);
    process.exitCode = 1;
  }
} finally {
  await connection.close();
}
