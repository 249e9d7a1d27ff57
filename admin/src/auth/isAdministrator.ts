/**
 * Whether the signed-in user is an administrator, who alone reads the audit log and reverts records. The
 * server decides what anyone may do; the console only leaves out what it would refuse.
 */
import type { Viewer } from '../metadata/types';

export const isAdministrator = (viewer: Viewer) => viewer.role === 'ADMIN';
