import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createHashRouter, RouterProvider } from 'react-router-dom';
import { App } from './App';

/**
 * One router for the console's whole life, around both the signed-out and the signed-in react-admin
 * (which use it instead of making their own): a navigation begun by one, as signing in or out ends,
 * lands in the one that follows.
 */
const router = createHashRouter([{ path: '*', element: <App /> }]);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <RouterProvider router={router} />
  </StrictMode>,
);
