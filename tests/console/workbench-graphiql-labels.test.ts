/**
 * GraphiQL's own words in the workbench (admin/src/workbench/graphiqlLabels.ts): each is still written by
 * the installed GraphiQL (an upgrade that rewords one shows here), each has its Chinese in the catalogue,
 * and the English catalogue gives GraphiQL's words back unchanged, so a switch to English restores them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { workbenchMessages } from '../../admin/src/i18n/workbenchMessages.js';
import { graphiqlPatterns, graphiqlWords, relabel, type Translate } from '../../admin/src/workbench/graphiqlLabels.js';

/** A translate over one language's catalogue, as react-admin's (polyglot) does it. */
function translator(language: 'zh' | 'en'): Translate {
  const messages = { crc: { workbench: workbenchMessages[language] } };
  return (key, options = {}) => {
    const text = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);
    if (typeof text !== 'string') throw new Error(`no message ${key}`);
    return text.replace(/%\{(\w+)\}/g, (_, name: string) => String(options[name]));
  };
}

/** The installed GraphiQL's code: the interface and its plugins. */
function graphiqlSource(): string {
  const roots = ['graphiql/dist', '@graphiql/react/dist', '@graphiql/plugin-doc-explorer/dist', '@graphiql/plugin-history/dist'].map((dir) => path.join('node_modules', dir));
  const files = roots.flatMap((root) =>
    fs
      .readdirSync(root, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.js'))
      .map((file) => path.join(root, file)),
  );
  return files.map((file) => fs.readFileSync(file, 'utf8')).join('\n');
}

describe('GraphiQL’s words', () => {
  const source = graphiqlSource();

  it.each(graphiqlWords.map((word) => [word]))('“%s” is still GraphiQL’s, has Chinese, and comes back unchanged in English', (word) => {
    // As a string, or (Show/Hide editor tools) as the end of the template GraphiQL builds it with.
    const written = source.includes(JSON.stringify(word)) || (/^(Show|Hide) /.test(word) && source.includes(`${word.replace(/^(Show|Hide)/, '')}\``));
    expect(written).toBe(true);
    const chinese = relabel(word, translator('zh'));
    expect(chinese).toMatch(/[\u4e00-\u9fff]/);
    expect(relabel(word, translator('en'))).toBe(word);
  });

  it('with a varying part keep that part, in both languages', () => {
    const samples: Record<string, string> = {
      execute: 'Execute query (Ctrl-Enter)',
      stop: 'Stop query (Ctrl-Enter)',
      prettify: 'Prettify query (Shift-Ctrl-P)',
      merge: 'Merge fragments into query (Shift-Ctrl-M)',
      copy: 'Copy query (Shift-Ctrl-C)',
      refetch: 'Re-fetch GraphQL schema (Shift-Ctrl-R)',
      show: 'Show 保存的查询',
      hide: 'Hide 文档',
      search: 'Search Query...',
      goBack: 'Go back to Deputy',
    };
    expect(graphiqlPatterns.map((pattern) => pattern.key).sort()).toEqual(Object.keys(samples).sort());
    expect(relabel(samples.execute, translator('zh'))).toBe('运行查询（Ctrl-Enter）');
    expect(relabel(samples.show, translator('zh'))).toBe('显示保存的查询');
    expect(relabel(samples.goBack, translator('zh'))).toBe('返回 Deputy');
    // The varying part is relabelled too when it is GraphiQL's.
    expect(relabel('Search Docs...', translator('zh'))).toBe('搜索 文档…');
    expect(relabel('Go back to Docs', translator('zh'))).toBe('返回 文档');
    for (const sample of Object.values(samples)) expect(relabel(sample, translator('en'))).toBe(sample);
  });

  it('leave other text alone', () => {
    expect(relabel('deputies', translator('zh'))).toBeUndefined();
    expect(relabel('行政区划', translator('zh'))).toBeUndefined();
  });
});
