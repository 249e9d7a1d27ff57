/**
 * The operation a workbench request names (admin/src/workbench/operationName.ts): a name GraphiQL has not yet
 * read from a changed text (or restored with a tab) gives way to the document's only operation; a name the
 * document holds, a choice among several operations and a text that does not parse are left to the server.
 */
import { describe, expect, it } from 'vitest';
import { operationNameFor } from '../../admin/src/workbench/operationName.js';

const counties = 'query Counties { regions { totalCount } }';
const mutation = 'mutation { createRegion(input: { code: "919999", name: "不该新建", kind: COUNTY }) { id } }';
const two = 'query Counties { regions { totalCount } } query Deputies { deputies { totalCount } }';

describe('the operation a workbench request names', () => {
  it.each([
    ['a stale name, one anonymous operation', mutation, 'Counties', null],
    ['a stale name, one named operation', 'query Deputies { deputies { totalCount } }', 'Counties', 'Deputies'],
    ['no name, one named operation', counties, null, 'Counties'],
    ['no name, one anonymous operation', mutation, undefined, null],
    ['the name the document holds', counties, 'Counties', 'Counties'],
    ['several operations, one of them named', two, 'Deputies', 'Deputies'],
    ['several operations, a name none has', two, 'Regions', 'Regions'],
    ['several operations, no name', two, null, null],
    ['a text that does not parse', 'query Counties { regions {', 'Counties', 'Counties'],
  ])('%s', (_, query, named, sent) => {
    expect(operationNameFor(query, named)).toBe(sent);
  });

  it('keeps fragments out of the count of operations', () => {
    const withFragment = 'query Deputies { deputies { ...page } } fragment page on DeputyList { totalCount }';
    expect(operationNameFor(withFragment, 'Counties')).toBe('Deputies');
  });
});
