/**
 * The direction of dependency (ARCHITECTURE.md "Four parts, one direction of dependency"), read from the
 * source: every module of a layer, and everything it imports in turn by relative path, stays out of the layers
 * it may not use. Type-only imports, re-exports and dynamic imports count too (TypeScript's own preprocessor
 * lists them all). The server's CLIs (*.cli.ts) are under server/ and held to the same rule: none needs seeds/.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../server/config.js';

/** Each layer and the layers nothing it reaches may lie in. */
const forbidden: Record<string, readonly string[]> = {
  server: ['seeds', 'tests', 'admin'],
  schema: ['server', 'seeds', 'tests', 'admin'],
};

const layerOf = (file: string) => path.relative(projectRoot, file).split(path.sep)[0];

function sourceFiles(folder: string): string[] {
  return fs
    .readdirSync(path.join(projectRoot, folder), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))
    .map((name) => path.join(projectRoot, folder, name));
}

/** The file a relative specifier names: `./x.js` is `./x.ts` in the source; packages are not ours and end the walk. */
function resolveImport(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const target = path.resolve(path.dirname(from), specifier);
  const candidates = [target.replace(/\.js$/, '.ts'), target.replace(/\.js$/, '.tsx'), target, `${target}.ts`, path.join(target, 'index.ts')];
  const found = candidates.find((candidate) => fs.existsSync(candidate) && fs.statSync(candidate).isFile());
  if (!found) throw new Error(`${path.relative(projectRoot, from)} imports ${specifier}, which is no file`);
  return found;
}

const importsCache = new Map<string, string[]>();
function importsOf(file: string): string[] {
  let imports = importsCache.get(file);
  if (!imports) {
    if (!/\.tsx?$/.test(file)) return [];
    const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
    imports = importedFiles.map((imported) => resolveImport(file, imported.fileName)).filter((resolved): resolved is string => resolved !== undefined);
    importsCache.set(file, imports);
  }
  return imports;
}

/** Every file reachable from `start` with the chain of imports that reaches it (breadth first: the shortest chain). */
function reachable(start: string): Map<string, string[]> {
  const chains = new Map<string, string[]>([[start, [start]]]);
  const queue = [start];
  while (queue.length) {
    const file = queue.shift()!;
    for (const next of importsOf(file)) {
      if (chains.has(next)) continue;
      chains.set(next, [...chains.get(file)!, next]);
      queue.push(next);
    }
  }
  return chains;
}

/** Each chain from a file of `layer` that crosses into a layer it may not use, as `a.ts → b.ts → seeds/…` (up to the crossing). */
function violations(layer: string): string[] {
  const outside = (file: string) => forbidden[layer].includes(layerOf(file));
  const found = new Set<string>();
  for (const file of sourceFiles(layer)) {
    for (const [reached, chain] of reachable(file)) {
      if (outside(reached) && !outside(chain.at(-2)!)) found.add(chain.map((step) => path.relative(projectRoot, step)).join(' → '));
    }
  }
  return [...found];
}

/**
 * The files of `layer` that import each other in a circle (each circle as `a.ts → b.ts → a.ts`): a module's
 * meaning should not depend on the order its circle happens to load in, nor its readers have to hold the
 * whole circle in mind (Tarjan's strongly connected components over the imports within the layer).
 */
function circles(layer: string): string[] {
  const inLayer = new Set(sourceFiles(layer));
  const index = new Map<string, number>();
  const lowest = new Map<string, number>();
  const stack: string[] = [];
  const found: string[] = [];
  const visit = (file: string) => {
    index.set(file, index.size);
    lowest.set(file, index.get(file)!);
    stack.push(file);
    for (const next of importsOf(file).filter((imported) => inLayer.has(imported))) {
      if (!index.has(next)) {
        visit(next);
        lowest.set(file, Math.min(lowest.get(file)!, lowest.get(next)!));
      } else if (stack.includes(next)) lowest.set(file, Math.min(lowest.get(file)!, index.get(next)!));
    }
    if (lowest.get(file) !== index.get(file)) return;
    const component = stack.splice(stack.indexOf(file));
    if (component.length > 1) found.push([...component, component[0]].map((step) => path.relative(projectRoot, step)).join(' → '));
  };
  for (const file of inLayer) if (!index.has(file)) visit(file);
  return found;
}

describe('layering', () => {
  // schema/'s entities do name each other (a relation and its inverse, resolved lazily by `() => Region`
  // thunks): the domain model is one graph by nature. The server's modules have no such reason.
  it('no files of server/ import each other in a circle', () => {
    expect(circles('server')).toEqual([]);
    expect(circles('schema').length).toBeGreaterThan(0);
  });

  it.each(Object.keys(forbidden))('nothing %s/ imports, directly or through others, lies in a layer it may not use', (layer) => {
    expect(sourceFiles(layer).length).toBeGreaterThan(10);
    expect(violations(layer)).toEqual([]);
  });

  it('the walk sees an import into seeds/ when there is one: the entry point above both loads the demo', () => {
    const fromEntry = reachable(path.join(projectRoot, 'main.ts'));
    expect(fromEntry.has(path.join(projectRoot, 'seeds/demo/first-start.ts'))).toBe(true);
    expect(fromEntry.has(path.join(projectRoot, 'server/server.ts'))).toBe(true);
  });
});
