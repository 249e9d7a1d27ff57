/**
 * One react-admin Resource per listable entity, every screen generated from its metadata; an account
 * entity, which has no generic create, gets the create screen with a first password (users/); the workflow's
 * cases get its panel on their show page (workflow/).
 */
import { Resource } from 'react-admin';
import { iconComponent } from '../layout/EntityIcon';
import { MetaCreate } from '../screens/MetaCreate';
import { MetaEdit } from '../screens/MetaEdit';
import { MetaList } from '../screens/MetaList';
import { MetaShow } from '../screens/MetaShow';
import { accountActions, accountCreate } from '../users/accountScreens';
import { workflowPanel } from '../workflow/workflowScreens';
import { recordTitle, type Model } from './model';

export function buildResources(model: Model) {
  return model.entities.map((entity) => (
    <Resource
      key={entity.name}
      name={entity.name}
      icon={iconComponent(entity.icon)}
      recordRepresentation={(record) => recordTitle(model, entity.name, record)}
      list={entity.operations.includes('list') ? <MetaList entity={entity} /> : undefined}
      show={entity.operations.includes('read') ? <MetaShow entity={entity} extraActions={accountActions(entity)} panel={workflowPanel(entity)} /> : undefined}
      edit={entity.operations.includes('update') ? <MetaEdit entity={entity} /> : undefined}
      create={entity.operations.includes('create') ? <MetaCreate entity={entity} /> : accountCreate(entity)}
    />
  ));
}
