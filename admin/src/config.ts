/** The console's one typed reading of its build-time environment (STYLE.md: config in one place). */
export const graphqlUrl: string = import.meta.env.VITE_GRAPHQL_URL ?? '/graphql';
/** Sign-in, sign-out and the current session (plain HTTP beside /graphql); same origin, for the session cookie. */
export const authUrl: string = import.meta.env.VITE_AUTH_URL ?? '/auth';
/** The workbench's downloads of a list query's every row (POST, JSON body); same origin, for the session cookie. */
export const exportUrl: string = import.meta.env.VITE_EXPORT_URL ?? '/export';
/** Spreadsheets in: a template per entity, a dry run, the commit (the file as the body); same origin, for the session cookie. */
export const importUrl: string = import.meta.env.VITE_IMPORT_URL ?? '/import';
/** A suggestion's files: uploaded as the body, downloaded by id (server/attachments/attachment.routes.ts); same origin, for the session cookie. */
export const attachmentsUrl: string = import.meta.env.VITE_ATTACHMENTS_URL ?? '/attachments';
/**
 * A search's count stops here (the list's `countUpTo`): a broad search by pinyin initials matches tens of thousands
 * of names nationally, and a list shows "1,000+" — every page it offers exists; a narrower search counts exactly —
 * instead of reading every match: nationally 1,001 matching rows cost ~30 ms, 10,001 ~110 ms, all 41,000 of "yh" ~0.6 s.
 */
export const searchCountCap = 1_000;
/** Rows a list page asks for by default. */
export const defaultPerPage = 25;
/** Columns a list shows before the user picks more with the column selector (laptop screens). */
export const initialListColumns = 8;
