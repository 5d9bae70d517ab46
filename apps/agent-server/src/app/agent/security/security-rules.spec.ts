import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SecurityAnalyzer } from './security-analyzer';
import { loadSecurityRules } from './security-rules';

const customRule = { id: 'no-deploy', risk: 'HIGH', pattern: '\\bdeploy\\.sh\\b' };
const rate = (rules: string | undefined, command: string, tool = 'terminal') =>
  new SecurityAnalyzer(loadSecurityRules(rules)).rate(tool, { command });

describe('loadSecurityRules', () => {
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'security-rules-'))));
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  it('replaces the built-in rules with a JSON list', () => {
    const rules = JSON.stringify([customRule]);
    expect(rate(rules, './deploy.sh prod')).toBe('HIGH');
    expect(rate(rules, 'rm -rf /')).toBe('LOW');
  });

  it('adds to the built-in rules with {rules}, unless include_defaults is false', () => {
    const added = JSON.stringify({ rules: [customRule] });
    expect(rate(added, './deploy.sh prod')).toBe('HIGH');
    expect(rate(added, 'rm -rf /')).toBe('HIGH');
    const only = JSON.stringify({ include_defaults: false, rules: [customRule] });
    expect(rate(only, 'rm -rf /')).toBe('LOW');
  });

  it('reads the rules from a file, and limits a rule to the tools it names', async () => {
    const path = join(dir, 'rules.json');
    await writeFile(path, JSON.stringify([{ ...customRule, tools: ['terminal'] }]));
    expect(rate(path, 'deploy.sh')).toBe('HIGH');
    expect(rate(path, 'deploy.sh', 'file_editor')).toBe('LOW');
  });

  it('matches case-insensitively', () => {
    expect(rate(undefined, 'psql -c "drop table users"')).toBe('HIGH');
  });

  it('says what is wrong with bad rules', () => {
    expect(() => loadSecurityRules('[{"id": "x"')).toThrow(/is not valid JSON/);
    expect(() => loadSecurityRules(JSON.stringify([{ ...customRule, pattern: '(' }]))).toThrow(
      /must be a valid regular expression/,
    );
    expect(() => loadSecurityRules(JSON.stringify([{ ...customRule, risk: 'UNKNOWN' }]))).toThrow(
      /invalid rules/,
    );
    expect(() => loadSecurityRules(join(dir, 'missing.json'))).toThrow(/cannot be read \(ENOENT\)/);
  });
});
