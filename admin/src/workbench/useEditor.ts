/**
 * The workbench's hold on GraphiQL's editors (inside its provider): what the current tab would run — for
 * the cost, saving and exports —, opening a saved query in them, and their options for Chinese text.
 */
import { useCallback, useEffect, useMemo } from 'react';
import { pick, useGraphiQL, useGraphiQLActions, useOperationsEditorState, useVariablesEditorState } from '@graphiql/react';
import { operationNameFor } from './operationName';
import { isBlankQuery, parseVariables, variablesText, type Variables } from './variables';

export type EditorRequest = {
  query: string;
  /** undefined: the variables editor does not hold a JSON object. */
  variables: Variables | undefined;
  operationName: string | null;
};

/** The query, variables and operation of the current tab, as they change (the operation as the text holds it). */
export function useEditorRequest(): EditorRequest {
  const [query] = useOperationsEditorState();
  const [variables] = useVariablesEditorState();
  const named = useGraphiQL((state) => state.operationName);
  const operationName = useMemo(() => operationNameFor(query, named), [query, named]);
  return { query, variables: parseVariables(variables), operationName };
}

/**
 * Opens a query in the editors once they exist (`ready`): in the tab that already holds it, else in the
 * current tab when that one is blank, else in a new tab — what the user was writing stays where it was.
 */
export function useOpenInEditor(): { ready: boolean; open: (query: string, variables: Variables) => void } {
  const { addTab, changeTab } = useGraphiQLActions();
  const { tabs, queryEditor, variableEditor } = useGraphiQL(pick('tabs', 'queryEditor', 'variableEditor'));
  const open = useCallback(
    (query: string, variables: Variables) => {
      if (!queryEditor || !variableEditor) return;
      const text = variablesText(variables);
      const holding = tabs.findIndex((tab) => (tab.query ?? '').trim() === query.trim() && (tab.variables ?? '').trim() === text);
      if (holding >= 0) return changeTab(holding);
      if (!isBlankQuery(queryEditor.getValue())) addTab();
      queryEditor.setValue(query);
      variableEditor.setValue(text);
    },
    [tabs, queryEditor, variableEditor, addTab, changeTab],
  );
  return { ready: Boolean(queryEditor && variableEditor), open };
}

/**
 * The editors' font: GraphiQL asks for Fira Code alone, whose inlined copy the workbench does not load
 * (WorkbenchPage.tsx); without a fallback the browser would set code in its default serif. Chinese comes
 * from the CJK monospace fonts where the system has them.
 */
const editorFont = '"Fira Code", "DejaVu Sans Mono", Menlo, Consolas, "Noto Sans Mono CJK SC", monospace';

/**
 * Monaco marks full-width punctuation (，：（）) as look-alikes of ASCII characters, and Chinese text has it
 * on every line: in the schema's descriptions, the server's messages, the user's comments. Not here. (The
 * words of GraphiQL's own interface: useGraphiQLLabels.)
 */
export function useChineseText(): void {
  const { queryEditor, variableEditor, headerEditor, responseEditor } = useGraphiQL(pick('queryEditor', 'variableEditor', 'headerEditor', 'responseEditor'));
  useEffect(() => {
    for (const editor of [queryEditor, variableEditor, headerEditor, responseEditor]) editor?.updateOptions({ unicodeHighlight: { ambiguousCharacters: false }, fontFamily: editorFont });
  }, [queryEditor, variableEditor, headerEditor, responseEditor]);
}
