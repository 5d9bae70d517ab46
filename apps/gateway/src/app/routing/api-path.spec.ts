import { parseApiPath } from './api-path';

describe('parseApiPath', () => {
  it.each([
    ['/api', { rest: '/api' }],
    ['/api/runs?limit=5', { rest: '/api/runs?limit=5' }],
    ['/v1/api/runs', { version: '1', rest: '/api/runs' }],
    ['/v1.2/api/runs/r1', { version: '1.2', rest: '/api/runs/r1' }],
    ['/v2.0/api?x=1', { version: '2.0', rest: '/api?x=1' }],
  ])('reads %s', (url, expected) => {
    expect(parseApiPath(url)).toEqual(expected);
  });

  it.each(['/apis', '/v1/chat/completions', '/v1.2.3/api/runs', '/vx/api', '/x/api', '/health'])(
    'leaves %s alone',
    (url) => {
      expect(parseApiPath(url)).toBeUndefined();
    },
  );
});
