/** Where a create or edit screen opened from an embedded list goes back to after saving. */
import { useLocation } from 'react-admin';

export function useReturnTo(): string | undefined {
  const location = useLocation();
  const state = location.state as { returnTo?: unknown } | null | undefined;
  return typeof state?.returnTo === 'string' ? state.returnTo : undefined;
}
