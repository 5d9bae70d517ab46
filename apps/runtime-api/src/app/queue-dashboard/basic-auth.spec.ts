import { basicAuthPassword } from './basic-auth';

const basic = (credentials: string) => `Basic ${Buffer.from(credentials).toString('base64')}`;

describe('basicAuthPassword', () => {
  it('answers the password of a well-formed header, whatever the user name', () => {
    expect(basicAuthPassword(basic('admin:s3cret'))).toBe('s3cret');
    expect(basicAuthPassword(basic(':s3cret'))).toBe('s3cret');
    expect(basicAuthPassword(`basic  ${Buffer.from('u:k').toString('base64')}`)).toBe('k');
  });

  it('keeps colons and non-ASCII characters of the password', () => {
    expect(basicAuthPassword(basic('u:a:b:c'))).toBe('a:b:c');
    expect(basicAuthPassword(basic('u:clé'))).toBe('clé');
  });

  it.each([
    ['no header', undefined],
    ['an empty header', ''],
    ['another scheme', 'Bearer abc'],
    ['the scheme alone', 'Basic'],
    ['no credentials after the scheme', 'Basic '],
    ['characters outside base64', 'Basic !!!!'],
    ['a truncated base64 quantum', 'Basic a'],
    ['credentials without a colon', basic('just-a-key')],
    ['an empty password', basic('user:')],
    ['two tokens', `${basic('u:k')} extra`],
  ])('answers nothing for %s', (_case, header) => {
    expect(basicAuthPassword(header)).toBeUndefined();
  });
});
