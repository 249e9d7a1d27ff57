/** `npm run schema:print`: regenerates schema/schema.graphql from the code. */
import 'reflect-metadata';
import fs from 'node:fs/promises';
import path from 'node:path';
import { projectRoot } from '../config.js';
import { buildGraphQLSchema } from './schema.js';
import { schemaFile, sortedSdl } from './print-schema.js';

const sdl = sortedSdl(await buildGraphQLSchema());
await fs.writeFile(path.join(projectRoot, schemaFile), sdl);
process.stdout.write(`wrote ${schemaFile} (${sdl.split('\n').length} lines)\n`);
