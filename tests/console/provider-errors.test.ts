/** The console marks every field an input was refused on, from one error's `extensions.fields` (issue 18: all errors at once). */
import { describe, expect, it } from 'vitest';
import { toProviderError } from '../../admin/src/dataProvider/errors.js';

const refusal = (message: string, messages: { zh: string; en: string }) => ({
  body: {
    graphQLErrors: [
      {
        message,
        extensions: {
          code: 'BAD_USER_INPUT',
          field: 'input.name',
          messages,
          fields: [
            { field: 'input.name', messages: { zh: '姓名：不能为空', en: 'Name: must not be empty' } },
            { field: 'input.mobile', messages: { zh: '手机号码：格式不对', en: 'Mobile: malformed' } },
          ],
        },
      },
    ],
  },
});

describe('an input refused on several fields', () => {
  it('puts each message on its field, in the language the server answered in', () => {
    const zh = toProviderError(refusal('姓名：不能为空；手机号码：格式不对', { zh: '姓名：不能为空；手机号码：格式不对', en: 'Name: must not be empty; Mobile: malformed' })) as {
      body: { errors: Record<string, string> };
    };
    expect(zh.body.errors).toEqual({ name: '姓名：不能为空', mobile: '手机号码：格式不对' });
    const en = toProviderError(refusal('Name: must not be empty; Mobile: malformed', { zh: '姓名：不能为空；手机号码：格式不对', en: 'Name: must not be empty; Mobile: malformed' })) as {
      body: { errors: Record<string, string> };
    };
    expect(en.body.errors).toEqual({ name: 'Name: must not be empty', mobile: 'Mobile: malformed' });
  });
});
