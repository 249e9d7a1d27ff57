/**
 * `npm run user:create -- --role admin --username NAME [--region CODE] [--organisation ID] [--name 显示名]`: creates a user
 * (the first administrator of an external database, typically). The password comes from ADMIN_PASSWORD
 * or a prompt that does not echo it, and must meet the password policy; nothing has a default password.
 */
import 'reflect-metadata';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { UserRole } from '../../schema/shared/enums.js';
import { passwordIssue, validators } from '../../schema/shared/validators.js';
import { actAsSystem } from '../audit/bulk.js';
import { readConfig } from '../config.js';
import { ownerConnection } from '../db/owner-connection.js';
import { Passwords } from './passwords.js';

const { values } = parseArgs({
  options: { role: { type: 'string' }, username: { type: 'string' }, region: { type: 'string' }, organisation: { type: 'string' }, name: { type: 'string' } },
});

function fail(message: string): never {
  process.stderr.write(`user:create: ${message}\n`);
  process.exit(2);
}

/** Reads a line from the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  if (!process.stdin.isTTY) fail('set ADMIN_PASSWORD, or run in a terminal to be asked for the password');
  return new Promise((resolve) => {
    const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    const output = rl as unknown as { _writeToOutput: (text: string) => void };
    process.stdout.write(question);
    output._writeToOutput = () => undefined;
    rl.question('', (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
  });
}

const role = String(values.role ?? '').toUpperCase();
if (!UserRole.values.includes(role as UserRole)) fail(`--role must be one of ${UserRole.values.map((value) => value.toLowerCase()).join(', ')}`);
const username = validators.username(values.username ?? '');
if (!username.ok) fail(`--username: ${username.issue.en}`);
if (role === 'CLERK' && !values.region) fail('a clerk needs --region CODE (their county or township)');
if (role === 'HANDLER' && !/^\d{1,18}$/.test(values.organisation ?? '')) fail('a handler needs --organisation ID (the handling unit they work for)');
if (role !== 'HANDLER' && values.organisation) fail('only a handler (--role handler) belongs to an organisation');

const password = process.env.ADMIN_PASSWORD ?? (await promptHidden(`password for ${username.value}: `));
const issue = passwordIssue(password, username.value);
if (issue) fail(issue.en);

const connection = await ownerConnection(readConfig()).catch((error: Error) => fail(`cannot reach the database: ${error.message}`));
try {
  const { client } = connection;
  const hash = await new Passwords().hash(password);
  await client.query('begin');
  await actAsSystem(client, 'user-create');
  // A handler's region is their unit's, whatever --region says.
  const region =
    role === 'HANDLER'
      ? await client.query<{ id: string }>(`select region_id as id from organisation where id = $1 and deleted_at is null`, [values.organisation])
      : values.region
        ? await client.query<{ id: string }>(`select id from region where code = $1 and deleted_at is null`, [values.region])
        : undefined;
  if (region && !region.rowCount) fail(role === 'HANDLER' ? `no organisation with id ${values.organisation}` : `no region with code ${values.region}`);
  const taken = await client.query(`select 1 from app_user where username = $1 and deleted_at is null`, [username.value]);
  if (taken.rowCount) fail(`the username ${username.value} is taken`);
  await client.query(`insert into app_user (username, display_name, role, region_id, organisation_id, password_hash, password_changed_at) values ($1, $2, $3, $4, $5, $6, now())`, [
    username.value,
    values.name ?? username.value,
    role,
    region?.rows[0].id ?? null,
    role === 'HANDLER' ? values.organisation : null,
    hash,
  ]);
  await client.query('commit');
  process.stdout.write(`created ${role.toLowerCase()} ${username.value}${values.region ? ` for region ${values.region}` : ''} in ${connection.describe}\n`);
} finally {
  await connection.close();
}
