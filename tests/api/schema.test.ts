import fs from 'node:fs/promises';
import path from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { domainEntities } from '../../schema/entities.js';
import { modelOf, type ModelMeta } from '../../schema/model/registry.js';
import type { Operation } from '../../schema/shared/field-kinds.js';
import { inflection } from '../../schema/shared/inflection.js';
import { projectRoot } from '../../server/config.js';
import { ormOptions } from '../../server/db/orm.config.js';
import { buildGraphQLSchema } from '../../server/graphql/schema.js';
import { schemaFile, sortedSdl } from '../../server/graphql/print-schema.js';
import { parse, validate, type GraphQLSchema } from 'graphql';
import { createTestDatabase, type TestDatabase } from '../support/test-cluster.js';
import { withoutDerivedIndexes } from '../../server/db/derived-indexes.js';

const models = domainEntities.map((entity) => modelOf(entity));
let schema: GraphQLSchema;

beforeAll(async () => {
  schema = await buildGraphQLSchema();
});

describe('the GraphQL schema', () => {
  it('matches the committed schema/schema.graphql (run `npm run schema:print` after changing the model)', async () => {
    const committed = await fs.readFile(path.join(projectRoot, schemaFile), 'utf8');
    expect(sortedSdl(schema)).toBe(committed);
  });

  it('gives every model distinct generated names, each present in the schema', () => {
    const typeKeys = ['type', 'listType', 'createInput', 'updateInput', 'filter', 'listFilter', 'orderBy', 'orderField', 'groupBy', 'groupField', 'aggregateGroup'] as const;
    // A to-many filter exists only for models some relation lists (the schema drops unreachable types).
    const listed = new Set(models.flatMap((model) => model.fields.filter((field) => field.kind === 'referenceList').map((field) => modelOf(field.target!()).name)));
    const queryKeys = ['one', 'list', 'aggregate'] as const;
    const mutationKeys = ['create', 'createMany', 'update', 'delete', 'restore', 'updateMany', 'deleteMany'] as const;
    const typeNames = models.flatMap((model) => typeKeys.map((key) => inflection[key](model)));
    const queryNames = models.flatMap((model) => queryKeys.map((key) => inflection[key](model)));
    const mutationNames = models.flatMap((model) => mutationKeys.map((key) => inflection[key](model)));
    expect(new Set(typeNames).size).toBe(typeNames.length);
    expect(new Set([...queryNames, ...mutationNames]).size).toBe(queryNames.length + mutationNames.length);
    // Only what a model's operations include is generated (a suggestion's history is written by its workflow alone).
    const needs: Partial<Record<string, Operation>> = {
      createInput: 'create',
      updateInput: 'update',
      create: 'create',
      createMany: 'create',
      update: 'update',
      updateMany: 'update',
      delete: 'delete',
      deleteMany: 'delete',
      restore: 'restore',
    };
    const served = (model: ModelMeta, key: string) => !needs[key] || model.operations.includes(needs[key]);
    const expected = models.flatMap((model) => typeKeys.filter((key) => (key !== 'listFilter' || listed.has(model.name)) && served(model, key)).map((key) => inflection[key](model)));
    expect(expected.filter((name) => !schema.getType(name))).toEqual([]);
    expect(queryNames.filter((name) => !schema.getQueryType()!.getFields()[name])).toEqual([]);
    const servedMutations = models.flatMap((model) => mutationKeys.filter((key) => served(model, key)).map((key) => inflection[key](model)));
    expect(servedMutations.filter((name) => !schema.getMutationType()!.getFields()[name])).toEqual([]);
    expect(models.length).toBeGreaterThanOrEqual(22);
  });

  it('describes every model, field and enum value in Chinese and English', () => {
    for (const model of models) {
      const type = schema.getType(model.name)!;
      expect(type.description).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/);
      expect(model.fields.filter((field) => !/[\u4e00-\u9fff]/.test(field.labelZh) || !/[A-Za-z]/.test(field.labelEn)).map((field) => field.name)).toEqual([]);
      for (const field of model.fields.filter((candidate) => candidate.enum)) {
        expect(field.enum!.options.filter((option) => !option.labelZh || !option.labelEn)).toEqual([]);
      }
    }
  });
});

describe('the README', () => {
  it('gives example queries that are valid against the schema', async () => {
    const readme = await fs.readFile(path.join(projectRoot, 'README.md'), 'utf8');
    const blocks = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => match[1]);
    const documents = blocks.flatMap((block) => block.split(/\n(?=#|\{|query|mutation)/).filter((part) => /[{]/.test(part)));
    expect(documents.length).toBeGreaterThanOrEqual(3);
    for (const document of documents)
      expect(
        validate(schema, parse(document)).map((error) => error.message),
        document,
      ).toEqual([]);
  });
});

describe('the committed migrations', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  it('create exactly the tables, columns and indexes the entities of schema/ declare', async () => {
    const orm = await MikroORM.init(ormOptions(database.ownerUrl, { pool: { min: 0, max: 1 } }));
    const diff = await orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false, safe: false, dropTables: true });
    await orm.close(true);
    // The default-order and search indexes are derived from the model at migrate time, not declared per entity (order-indexes.ts, search-indexes.ts).
    expect(withoutDerivedIndexes(diff).trim()).toBe('');
  });
});
