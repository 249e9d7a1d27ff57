/**
 * Checks of a new password in the browser, by the policy the server applies (schema/shared/validators.ts
 * `passwordIssue`, the same words), and of its confirmation.
 */
import { required, type Validator } from 'react-admin';
import { passwordIssue } from '../../../schema/shared/validators';

/**
 * The password's checks; `username` is the account's when the form has no username field (a reset),
 * otherwise the form's own (a new user) is read at each check.
 */
export function passwordValidators(username?: string): Validator[] {
  const policy: Validator = (value: unknown, values: Record<string, unknown>) => {
    if (typeof value !== 'string' || value === '') return undefined;
    const issue = passwordIssue(value, username ?? String(values?.username ?? ''));
    return issue && `crc.issues.${issue.code}`;
  };
  return [required(), policy];
}

/** The confirmation must repeat the password exactly. */
export const confirmationValidators: Validator[] = [required(), (value: unknown, values: Record<string, unknown>) => (value === values?.password ? undefined : 'crc.users.mismatch')];
