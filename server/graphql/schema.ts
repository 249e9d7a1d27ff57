/** Builds the executable GraphQL schema: the generated CRUD API of every model, metadata, metrics and settings. */
import { buildSchema } from 'type-graphql';
import type { GraphQLSchema } from 'graphql';
import { servedEntities } from '../../schema/entities.js';
import { checkRegionPaths } from '../access/region-scope.js';
import { UserResolver } from '../access/user.resolver.js';
import { auditResolver } from '../audit/audit.resolver.js';
import { defaultQueryLimits, type QueryLimits } from './query-limits.js';
import { queryCostResolver } from '../workbench/query-cost.resolver.js';
import { modelOf, type Constructor } from '../../schema/model/registry.js';
import { DateTimeScalar } from '../../schema/model/scalars.js';
import { crudResolver, servePrefetchedRelations } from '../api/crud.resolver.js';
import { metadataResolver } from '../api/metadata.resolver.js';
import { deletionResolver } from '../api/deletion.resolver.js';
import { ComparisonResolver } from '../metrics/metrics.resolver.js';
import { buildModelTypes } from '../api/types/model-types.js';
import { SettingResolver } from './setting.resolver.js';
import { ImportResolver } from '../import/import.resolver.js';
import { SuggestionWorkflowResolver } from '../workflow/suggestion-workflow.resolver.js';
import { backupStatusResolver } from '../backup/backup-status.resolver.js';
import { externalDatabase, type BackupPlace } from '../backup/backup-status.js';

/**
 * `entities` defaults to everything served (the domain model and users); tests add fixture entities to prove the
 * API is generated. `backups`: where the `backups` query looks (the schema's shape is the same either way).
 */
export async function buildGraphQLSchema(entities: readonly Constructor[] = servedEntities, limits: QueryLimits = defaultQueryLimits, backups: BackupPlace = externalDatabase): Promise<GraphQLSchema> {
  const models = entities.map((entity) => modelOf(entity));
  checkRegionPaths(models);
  // Every model's generated types exist before any resolver refers to them (their thunks cross models).
  models.forEach((model) => buildModelTypes(model));
  const resolvers = models.map((model) => crudResolver(model));
  const schema = await buildSchema({
    resolvers: [
      SettingResolver,
      ImportResolver,
      metadataResolver(models),
      ComparisonResolver,
      UserResolver,
      SuggestionWorkflowResolver,
      auditResolver(models),
      deletionResolver(models),
      queryCostResolver(limits),
      backupStatusResolver(backups),
      ...resolvers,
    ],
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    validate: false,
  });
  return servePrefetchedRelations(schema, models);
}
