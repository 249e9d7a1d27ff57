/**
 * GraphiQL's editor toolbar (格式化、合并片段、复制) with the console's words: the children of GraphiQL's own
 * `GraphiQL.Toolbar` slot (Workbench.tsx), which takes the buttons themselves — the labels of its default
 * ones are fixed English.
 */
import { CopyIcon, KEY_MAP, MergeIcon, PrettifyIcon, ToolbarButton, useGraphiQLActions } from '@graphiql/react';
import { useTranslate } from 'react-admin';

export const ToolbarButtons = () => {
  const translate = useTranslate();
  const { prettifyEditors, mergeQuery, copyQuery } = useGraphiQLActions();
  const buttons = [
    { key: 'prettify', keys: KEY_MAP.prettify.key, onClick: prettifyEditors, Icon: PrettifyIcon },
    { key: 'merge', keys: KEY_MAP.mergeFragments.key, onClick: mergeQuery, Icon: MergeIcon },
    { key: 'copy', keys: KEY_MAP.copyQuery.key, onClick: copyQuery, Icon: CopyIcon },
  ];
  return (
    <>
      {buttons.map(({ key, keys, onClick, Icon }) => (
        <ToolbarButton key={key} onClick={() => void onClick()} label={translate(`crc.workbench.graphiql.${key}`, { keys })}>
          <Icon className="graphiql-toolbar-icon" aria-hidden="true" />
        </ToolbarButton>
      ))}
    </>
  );
};
