/**
 * A new password and its confirmation, with the policy as help text. The form holds them as `password`
 * (the mutation's argument of that name) and `passwordConfirmation` (never sent: no input declares it).
 */
import { useMemo } from 'react';
import { Box } from '@mui/material';
import { PasswordInput, useTranslate } from 'react-admin';
import { minPasswordLength } from '../../../schema/shared/validators';
import { confirmationValidators, passwordValidators } from './passwordValidators';

type Props = {
  /** The account's username when the form has no username field (a reset). */
  username?: string;
  label?: string;
};

export const PasswordInputs = ({ username, label = 'crc.users.password' }: Props) => {
  const translate = useTranslate();
  const validate = useMemo(() => passwordValidators(username), [username]);
  return (
    <>
      <Box data-field="password">
        <PasswordInput source="password" label={label} validate={validate} helperText={translate('crc.users.policy', { min: minPasswordLength })} autoComplete="new-password" fullWidth />
      </Box>
      <Box data-field="passwordConfirmation">
        <PasswordInput source="passwordConfirmation" label="crc.users.confirmation" validate={confirmationValidators} autoComplete="new-password" fullWidth />
      </Box>
    </>
  );
};
