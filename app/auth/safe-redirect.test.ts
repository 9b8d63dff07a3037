import { describe, expect, it } from 'vitest';
import { safeRedirectTarget } from './safe-redirect';

describe('where sign-in sends the browser afterwards', () => {
  it.each([
    ['/patients', '/patients'],
    ['/patients?q=Smith#top', '/patients?q=Smith#top'],
    ['/lists/abc?week=2027-03-22', '/lists/abc?week=2027-03-22'],
  ])('keeps a path on this site: %s', (to, expected) => {
    expect(safeRedirectTarget(to)).toBe(expected);
  });

  it.each([
    '/\\evil.example',
    '/\t/evil.example',
    '/\\/evil.example',
    '//evil.example',
    '/\n/evil.example',
    '/%0d%0aSet-Cookie:x=1'.replace('%0d%0a', '\r\n'),
    'https://evil.example/',
    'evil.example',
    'javascript:alert(1)',
    '/a\u0000b',
    '',
    `/${'a'.repeat(3000)}`,
  ])('sends anything that could leave the site, or break the header, to the home page: %j', (to) => {
    expect(safeRedirectTarget(to)).toBe('/');
  });

  it('percent-encodes characters a Location header cannot carry', () => {
    expect(safeRedirectTarget('/patients?q=Dąbrowska')).toBe('/patients?q=D%C4%85browska');
    expect(safeRedirectTarget('/patients?q=Nguyễn')).toMatch(/^\/patients\?q=Nguy%E1%BB%85n$/);
  });
});
