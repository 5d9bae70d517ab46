import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AGENTRT_VERSION } from './version';

describe('AGENTRT_VERSION', () => {
  it('matches the workspace package.json', () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as {
      version: string;
    };
    expect(AGENTRT_VERSION).toBe(pkg.version);
  });
});
