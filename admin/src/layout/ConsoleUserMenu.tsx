/** The app bar's user menu: who is signed in, with their role, and signing out. */
import { useEffect } from 'react';
import { UserMenu, useGetIdentity } from 'react-admin';
import { useLanguage } from '../fields/useLanguage';

export const ConsoleUserMenu = () => {
  const language = useLanguage();
  const { refetch } = useGetIdentity();
  // The name carries the role's label in the console's language: read it again when the language changes.
  useEffect(() => {
    void refetch();
  }, [language, refetch]);
  return <UserMenu />;
};
