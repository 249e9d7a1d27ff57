/**
 * Which console shows: the sign-in page, or the console of the signed-in user. Each sign-in builds all
 * that depends on the user anew — the model (their operations), the labels, the data provider, the auth
 * provider — under a new key, so react-admin mounts a fresh app with a fresh query cache and nothing of
 * the previous user's stays; signing out drops it all.
 */
import { useEffect, useState } from 'react';
import type { AuthProvider, I18nProvider } from 'react-admin';
import { buildDataProvider, type ConsoleDataProvider } from '../dataProvider/buildDataProvider';
import { acceptLanguageOf, buildI18nProvider, languageOf } from '../i18n/i18nProvider';
import { loadMetadata } from '../metadata/loadMetadata';
import { buildModel, type Model } from '../metadata/model';
import { buildAuthProvider, type SessionEvents } from './authProvider';

type Providers = { key: number; i18nProvider: I18nProvider; authProvider: AuthProvider };

export type Stage = { kind: 'starting' } | { kind: 'failed'; error: Error } | ({ kind: 'signedOut' } & Providers) | ({ kind: 'signedIn'; model: Model; dataProvider: ConsoleDataProvider } & Providers);

let stages = 0;

function signedIn(model: Model, events: SessionEvents): Stage {
  const i18nProvider = buildI18nProvider(model);
  const dataProvider = buildDataProvider(model, () => acceptLanguageOf[languageOf(i18nProvider)]);
  return { kind: 'signedIn', key: ++stages, model, dataProvider, i18nProvider, authProvider: buildAuthProvider(model.viewer, events, i18nProvider) };
}

/** Stays on the sign-in page if it shows already: react-admin may sign out twice in a row (a failed check, then its redirect). */
const signedOut =
  (events: SessionEvents) =>
  (current: Stage): Stage => {
    if (current.kind === 'signedOut') return current;
    const i18nProvider = buildI18nProvider(null);
    return { kind: 'signedOut', key: ++stages, i18nProvider, authProvider: buildAuthProvider(null, events, i18nProvider) };
  };

/** The current stage; starts as whoever the browser's session cookie belongs to. */
export function useConsoleStage(): Stage {
  const [stage, setStage] = useState<Stage>({ kind: 'starting' });
  const [events] = useState(() => {
    const events: SessionEvents = {
      restart: async () => {
        const metadata = await loadMetadata();
        setStage(metadata ? signedIn(buildModel(metadata), events) : signedOut(events));
        return metadata !== null;
      },
      signedOut: () => setStage(signedOut(events)),
    };
    return events;
  });
  useEffect(() => {
    events.restart().catch((error: Error) => setStage({ kind: 'failed', error }));
  }, [events]);
  return stage;
}
