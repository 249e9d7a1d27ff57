/**
 * GraphiQL's own words in the console's language. Where GraphiQL 5 takes them as props or slots the
 * workbench passes them (the plugins' titles, the toolbar: WorkbenchPage, WorkbenchToolbar); everything
 * else GraphiQL writes as fixed English (graphiqlLabels.ts lists it), so this hook — a DOM relabeller, the
 * fallback for the words without a prop — watches GraphiQL's part of the page (its tooltips and dialogs
 * are portals at the end of the body) and replaces those words, remembering what GraphiQL wrote so that a
 * switch of language reads them again. The editors' text, the schema's names and the workbench's own
 * panels (marked `data-relabel="off"`) are left alone.
 */
import { useEffect, useState } from 'react';
import { useLocaleState, useTranslate } from 'react-admin';
import { relabel } from './graphiqlLabels';

/** GraphiQL's parts: the interface and the portals it opens. */
const scope = '.graphiql-container, .graphiql-tooltip, .graphiql-dialog';
/** Never relabelled: what the user typed, the schema's own names and descriptions, the workbench's panels. */
const excluded = [
  '.monaco-editor',
  '.graphiql-markdown-description',
  '.graphiql-markdown-deprecation',
  '.graphiql-doc-explorer-field-name',
  '.graphiql-doc-explorer-type-name',
  '.graphiql-doc-explorer-argument-name',
  '.graphiql-doc-explorer-enum-value',
  '.graphiql-explorer-root',
  '[data-relabel="off"]',
].join(', ');

const attributes = ['aria-label', 'title', 'placeholder'];

/** What GraphiQL wrote in a slot (text or attribute) and what is shown instead, to tell its changes from ours. */
type Written = { original: string; shown: string };

export function useGraphiQLLabels(): void {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  // Kept across languages: after a switch, GraphiQL's words are read from here, not from the page.
  const [written] = useState(() => new WeakMap<Node, Map<string, Written>>());
  useEffect(() => {
    const inScope = (element: Element | null) => Boolean(element?.closest(scope)) && !element?.closest(excluded);
    const apply = (node: Node, slot: string, current: string, set: (value: string) => void) => {
      const slots = written.get(node) ?? new Map<string, Written>();
      const before = slots.get(slot);
      // Our own text comes back as it was: GraphiQL's words are what it wrote before.
      const original = before && before.shown === current ? before.original : current;
      const shown = relabel(original.trim(), translate) ?? original;
      slots.set(slot, { original, shown });
      written.set(node, slots);
      if (shown !== current) set(shown);
    };
    const visitText = (node: Text) => {
      if (node.data.trim() && inScope(node.parentElement)) apply(node, '#text', node.data, (value) => (node.data = value));
    };
    const visitAttribute = (element: Element, name: string) => {
      const value = element.getAttribute(name);
      if (value && inScope(element)) apply(element, name, value, (next) => element.setAttribute(name, next));
    };
    const visitTree = (root: Node) => {
      if (root instanceof Text) return visitText(root);
      // Monaco adds lines as the user types: skipped whole, before walking them.
      if (!(root instanceof Element) || root.closest(excluded)) return;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) visitText(node as Text);
      for (const element of [root, ...root.querySelectorAll(attributes.map((name) => `[${name}]`).join(', '))]) {
        for (const name of attributes) if (element.hasAttribute(name)) visitAttribute(element, name);
      }
    };
    const observer = new MutationObserver((mutations) => {
      for (const mutation of mutations) {
        if (mutation.type === 'childList') mutation.addedNodes.forEach(visitTree);
        else if (mutation.type === 'characterData') visitText(mutation.target as Text);
        else if (mutation.attributeName && mutation.target instanceof Element) visitAttribute(mutation.target, mutation.attributeName);
      }
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: attributes });
    // What is on the page already: on the first run, and again in the new language after a switch.
    document.querySelectorAll(scope).forEach(visitTree);
    return () => observer.disconnect();
  }, [translate, locale, written]);
}
