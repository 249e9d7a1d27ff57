/**
 * `npm run audit:anchor`: appends the audit chain's head to the anchor log now (server/audit/anchors.ts).
 * Connects like audit:verify: DATABASE_OWNER_URL or the embedded database under DATA_DIR.
 */
import 'reflect-metadata';
import { readConfig } from '../config.js';
import { ownerConnection } from '../db/owner-connection.js';
import { writeAnchor } from './anchors.js';

const config = readConfig();
const connection = await ownerConnection(config);
try {
  const anchor = await writeAnchor(connection.client, config.auditAnchor);
  process.stdout.write(`anchored entry ${anchor.lastId} (${anchor.entries} entries, head ${anchor.headHash.slice(0, 16)}…) in ${config.auditAnchor.logPath}\n`);
} finally {
  await connection.close();
}
