/**
 * What an account entity adds to its generated screens, for whoever manages accounts: a create screen
 * (the generated form plus a first password) and, on the show page, a new password.
 */
import type { ReactElement } from 'react';
import type { EntityMeta } from '../metadata/types';
import { MetaCreate } from '../screens/MetaCreate';
import { managesAccounts } from './accountEntity';
import { PasswordInputs } from './PasswordInputs';
import { ResetPasswordButton } from './ResetPasswordButton';

/** 新建用户: the entity's create form with the first password. */
export function accountCreate(entity: EntityMeta): ReactElement | undefined {
  if (!managesAccounts(entity)) return undefined;
  return (
    <MetaCreate entity={entity}>
      <PasswordInputs />
    </MetaCreate>
  );
}

/** 重设密码 among the show page's actions. */
export function accountActions(entity: EntityMeta): ReactElement | undefined {
  return managesAccounts(entity) ? <ResetPasswordButton entity={entity} /> : undefined;
}
