import path from 'node:path';

/** A path as an operator would type it: relative to the working directory when under it, else absolute. */
export const shownPath = (file: string): string => (path.relative(process.cwd(), file).startsWith('..') ? file : path.relative(process.cwd(), file) || '.');
