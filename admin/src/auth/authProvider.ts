/**
 * react-admin's auth provider over the session endpoints. One is built for each stage of the console —
 * signed out, or signed in as one viewer — and it tells the console when the stage changes, because the
 * model, the data provider and the query cache all belong to the user they were built for.
 */
import type { AuthProvider, I18nProvider } from 'react-admin';
import { UserRole } from '../../../schema/shared/enums';
import { isUnauthenticated } from '../dataProvider/errors';
import { acceptLanguageOf, languageOf } from '../i18n/i18nProvider';
import type { Viewer } from '../metadata/types';
import { currentUser, signIn, signOut } from './session';

export type SessionEvents = {
  /** Builds the console for whoever the browser's session belongs to now; false when nobody. */
  restart: () => Promise<boolean>;
  /** Drops the signed-in console for the sign-in page. */
  signedOut: () => void;
};

type Credentials = { username: string; password: string };

/** A rejection react-admin acts on without a notice of its own: the sign-in page says enough. */
const silently = { message: false };

export function buildAuthProvider(viewer: Viewer | null, events: SessionEvents, i18nProvider: I18nProvider): AuthProvider {
  return {
    async login({ username, password }: Credentials) {
      await signIn(username, password, acceptLanguageOf[languageOf(i18nProvider)]);
      if (!(await events.restart())) throw new Error('signed in, yet the next request had no session: was the cookie refused?');
    },
    async logout() {
      // The console goes even when the server cannot be reached: the next person at this browser must not see it.
      await signOut().catch(() => undefined);
      events.signedOut();
    },
    async checkAuth() {
      // A server that cannot answer has not ended the session: the screens report the outage themselves.
      const current = await currentUser().catch(() => viewer);
      if (!current) throw silently;
      // Someone signed in as another user in another tab: this console was built for the previous one.
      if (current.id !== viewer?.id) window.location.reload();
    },
    async checkError(error) {
      if (isUnauthenticated(error)) throw silently;
    },
    async getIdentity() {
      if (!viewer) throw silently;
      const role = UserRole.label(viewer.role, languageOf(i18nProvider));
      return { id: viewer.id, fullName: i18nProvider.translate('crc.user.identity', { name: viewer.displayName, role }) };
    },
    async getPermissions() {
      return viewer;
    },
  };
}
