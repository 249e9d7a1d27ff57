/** Every entity class of the domain model, in one list the ORM and the GraphQL schema both read. */
import { Setting } from './setting.entity.js';

export const entities = [Setting];
