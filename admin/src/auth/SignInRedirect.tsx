/**
 * The signed-out console has no screens: react-admin shows its `ready` page at every address but /login,
 * and this one sends the user there, to come back to the address they asked for once signed in.
 */
import { Navigate, useLocation } from 'react-admin';

export const SignInRedirect = () => {
  const location = useLocation();
  return <Navigate to="/login" replace state={{ nextPathname: location.pathname, nextSearch: location.search }} />;
};
