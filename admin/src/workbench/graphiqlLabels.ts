/**
 * GraphiQL's own words, as GraphiQL 5 writes them on the page, and the key of each in the console's
 * catalogue (`crc.workbench.graphiql.*`, workbenchMessages.ts). GraphiQL has no translations and no props
 * for most of its labels (the execute button, the tab title `<untitled>`, the Variables/Headers tabs, the
 * sidebar's buttons and dialogs, the documentation and history panels): useGraphiQLLabels finds these words
 * in its DOM and shows the translation instead. Pure, so the lookup is tested without a browser.
 */

/** Whole texts (a node's text, an aria-label, a title, a placeholder) to their key. */
const exact: Record<string, string> = {
  '<untitled>': 'untitled',
  'New tab': 'newTab',
  'Close Tab': 'closeTab',
  Variables: 'variables',
  Headers: 'headers',
  'Show editor tools': 'showTools',
  'Hide editor tools': 'hideTools',
  'Open short keys dialog': 'shortKeys',
  'Open settings dialog': 'settings',
  'Short Keys': 'shortKeysTitle',
  Settings: 'settingsTitle',
  'Close dialog': 'closeDialog',
  'Short Key': 'shortKey',
  Function: 'function',
  'Execute query': 'executeQuery',
  'Prettify editors': 'prettifyEditors',
  'Copy query': 'copyQuery',
  'Re-fetch schema using introspection': 'refetchSchema',
  'Search in documentation': 'searchDocs',
  'Search in editor': 'searchEditor',
  'Merge fragments definitions into operation definition': 'mergeFragments',
  'Open the Command Palette (you must have focus in the editor)': 'commandPalette',
  'Persist headers': 'persistHeaders',
  Theme: 'theme',
  'Adjust how the interface appears.': 'themeCaption',
  System: 'system',
  Light: 'light',
  Dark: 'dark',
  'Clear storage': 'clearStorage',
  'Remove all locally stored data and start fresh.': 'clearStorageCaption',
  'Clear data': 'clearData',
  'Cleared data': 'clearedData',
  Failed: 'failed',
  'Editor Commands': 'editorCommands',
  'Operation Editor': 'operationEditor',
  'Select active operation': 'selectOperation',
  'Result Window': 'resultWindow',
  'Documentation Explorer': 'docs',
  Docs: 'docsRoot',
  'Root Types': 'rootTypes',
  'All Schema Types': 'allTypes',
  Fields: 'fields',
  Arguments: 'arguments',
  'Enum Values': 'enumValues',
  Implements: 'implements',
  Implementations: 'implementations',
  'Possible Types': 'possibleTypes',
  Directives: 'directives',
  Deprecated: 'deprecated',
  'Show Deprecated Fields': 'showDeprecatedFields',
  'Deprecated Fields': 'deprecatedFields',
  'Show Deprecated Arguments': 'showDeprecatedArguments',
  'Deprecated Arguments': 'deprecatedArguments',
  'Show Deprecated Values': 'showDeprecatedValues',
  'Deprecated Enum Values': 'deprecatedEnumValues',
  'No results found': 'noResults',
  'Other results': 'otherResults',
  'No GraphQL schema available': 'noSchema',
  'Error fetching schema': 'schemaError',
  History: 'history',
  Clear: 'clear',
  Cleared: 'cleared',
  'Failed to Clear': 'clearFailed',
  'Add favorite': 'addFavorite',
  'Remove favorite': 'removeFavorite',
  'Edit label': 'editLabel',
  'Delete from history': 'deleteFromHistory',
  'Type a label': 'typeLabel',
  Save: 'save',
};

/**
 * Texts with a part that varies (a shortcut, a panel's or a type's name), the part passed on as a
 * placeholder — itself relabelled when it is one of GraphiQL's words ("Search Docs...").
 */
const patterns: { pattern: RegExp; key: string; placeholder: string }[] = [
  { pattern: /^Execute query \((.+)\)$/, key: 'execute', placeholder: 'keys' },
  { pattern: /^Stop query \((.+)\)$/, key: 'stop', placeholder: 'keys' },
  { pattern: /^Prettify query \((.+)\)$/, key: 'prettify', placeholder: 'keys' },
  { pattern: /^Merge fragments into query \((.+)\)$/, key: 'merge', placeholder: 'keys' },
  { pattern: /^Copy query \((.+)\)$/, key: 'copy', placeholder: 'keys' },
  { pattern: /^Re-fetch GraphQL schema \((.+)\)$/, key: 'refetch', placeholder: 'keys' },
  { pattern: /^Show (.+)$/, key: 'show', placeholder: 'name' },
  { pattern: /^Hide (.+)$/, key: 'hide', placeholder: 'name' },
  { pattern: /^Search (.+)\.\.\.$/, key: 'search', placeholder: 'name' },
  { pattern: /^Go back to (.+)$/, key: 'goBack', placeholder: 'name' },
];

/** The whole texts looked for, and examples of the varying ones: for the tests. */
export const graphiqlWords: readonly string[] = Object.keys(exact);
export const graphiqlPatterns: readonly { pattern: RegExp; key: string }[] = patterns;

export type Translate = (key: string, options?: Record<string, unknown>) => string;

const prefix = 'crc.workbench.graphiql.';

/** The text GraphiQL wrote, in the console's language; undefined when it is none of GraphiQL's words. */
export function relabel(text: string, translate: Translate): string | undefined {
  const key = exact[text];
  if (key) return translate(prefix + key);
  for (const { pattern, key: patternKey, placeholder } of patterns) {
    const match = pattern.exec(text);
    if (match) return translate(prefix + patternKey, { [placeholder]: relabel(match[1], translate) ?? match[1] });
  }
  return undefined;
}
