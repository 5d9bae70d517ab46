import { loadConfig } from '@agentrt/platform';
import { AgentServerConfigSchema } from '../../config/agent-server.config';
import { SecurityAnalyzer } from './security-analyzer';

const load = (env: Record<string, string>) =>
  loadConfig('agent-server', AgentServerConfigSchema, env);

describe('AGENT_SECURITY_RULES', () => {
  it('defaults to the built-in rules', () => {
    const config = load({});
    expect(config.AGENT_SECURITY_RULES).toBeUndefined();
    const analyzer = new SecurityAnalyzer(config.AGENT_SECURITY_RULES);
    expect(analyzer.rate('terminal', { command: 'rm -rf /' })).toBe('HIGH');
  });

  it('takes rules as JSON, and keeps the variable from the commands the agent runs', () => {
    const rules = JSON.stringify([{ id: 'x', risk: 'MEDIUM', pattern: 'make\\s+deploy' }]);
    const config = load({ AGENT_SECURITY_RULES: rules });
    const analyzer = new SecurityAnalyzer(config.AGENT_SECURITY_RULES);
    expect(analyzer.rate('t', { c: 'make deploy' })).toBe('MEDIUM');
    expect(analyzer.rate('t', { c: 'rm -rf /' })).toBe('LOW');
    expect(config.CHILD_ENV).not.toHaveProperty('AGENT_SECURITY_RULES');
  });

  it('stops the server at boot on a bad rule, naming the variable', () => {
    const bad = JSON.stringify([{ id: 'x', risk: 'HIGH', pattern: '[' }]);
    expect(() => load({ AGENT_SECURITY_RULES: bad })).toThrow(
      /AGENT_SECURITY_RULES: holds invalid rules[\s\S]*valid regular expression/,
    );
    expect(() => load({ AGENT_SECURITY_RULES: '/nonexistent/rules.json' })).toThrow(
      /AGENT_SECURITY_RULES: names a file that cannot be read/,
    );
  });
});
