/**
 * The entity whose records sign in. The model offers no generic create for it: a user is created with a
 * first password (`createUser`, the generic create's name with a `password` argument beside its input)
 * and given new ones (`resetUserPassword`); the server allows both to whoever may update users.
 */
import type { EntityMeta } from '../metadata/types';
import { inflection } from '../../../schema/shared/inflection';

const isAccountEntity = (entity: EntityMeta) => entity.name === 'User';

/** Whether the signed-in user may create accounts and set their passwords. */
export const managesAccounts = (entity: EntityMeta) => isAccountEntity(entity) && entity.operations.includes('update');

/** The mutation that gives an account a new password. */
export const resetPasswordMutation = (entity: EntityMeta) => inflection.resetPassword(entity);
