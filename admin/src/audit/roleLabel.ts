/** A role as the trail recorded it, in the current language; a role the console does not know shows as recorded. */
import { UserRole } from '../../../schema/shared/enums';
import type { Language } from '../metadata/types';

export function roleLabel(role: string | null, language: Language): string {
  if (!role) return '';
  return (UserRole.values as readonly string[]).includes(role) ? UserRole.label(role as UserRole, language) : role;
}
