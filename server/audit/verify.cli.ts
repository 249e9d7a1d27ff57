/**
 * `npm run audit:verify`: checks the audit trail's hash chain and reports every broken link, then every
 * anchor (exit 1 on any problem), or how many entries and anchors hold together (exit 0). Connects like the
 * seeds: DATABASE_OWNER_URL or the embedded database under DATA_DIR.
 */
import 'reflect-metadata';
import { readConfig } from '../config.js';
import { ownerConnection } from '../db/owner-connection.js';
import { verifyAuditTrail } from './verify.js';
import { checkAnchors } from './anchors.js';

const config = readConfig();
const connection = await ownerConnection(config);
try {
  const outcome = await verifyAuditTrail(connection.client);
  if (outcome.ok) {
    process.stdout.write(`audit trail intact: ${outcome.entries} entries, every hash chained (${connection.describe})\n`);
  } else {
    process.stdout.write(`audit trail BROKEN: ${outcome.breaks.length} broken link(s) in ${outcome.entries} entries\n`);
    for (const link of outcome.breaks) process.stdout.write(`  entry ${link.id}: ${link.reason}\n`);
    process.exitCode = 1;
  }
  // The anchors find what a rewrite with every hash recomputed hides from the chain itself.
  const anchors = await checkAnchors(connection.client, config.auditAnchor);
  if (anchors.problems.length === 0) process.stdout.write(`anchors: ${anchors.anchors} checked in ${config.auditAnchor.logPath}, all hold\n`);
  else {
    process.stdout.write(`anchors: ${anchors.problems.length} problem(s) in ${anchors.anchors} anchors (${config.auditAnchor.logPath})\n`);
    for (const problem of anchors.problems) process.stdout.write(`  anchor ${problem.line}: ${problem.reason}\n`);
    process.exitCode = 1;
  }
} finally {
  await connection.close();
}
