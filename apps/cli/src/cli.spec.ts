import { runAgentrt } from './testing/run-cli.testing';

const API = { RUNTIME_API_URL: 'http://127.0.0.1:9', RUNTIME_API_KEY: 'rt-secret-key' };

describe('agentrt command line', () => {
  it('prints the commands for --help, on stdout, with exit 0', async () => {
    const result = await runAgentrt(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: agentrt <command>');
    for (const name of ['runtime', 'build', 'run', 'agents']) {
      expect(result.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
    }
    expect(result.stderr).toBe('');
  });

  it.each([
    [
      ['runtime', '--help'],
      ['start', 'list', 'get', 'pause', 'resume', 'stop', 'attach'],
    ],
    [
      ['runtime', 'start', '--help'],
      ['--image IMG', '--env K=V', '(repeatable)', '--no-wait'],
    ],
    [
      ['build', '--help'],
      ['status', 'cancel', '--image NAME', '--build-arg K=V'],
    ],
    [
      ['run', '-h'],
      ['--runtime RUNTIME_ID', '--agent AGENT_ID', '--timeout SEC'],
    ],
    [
      ['agents', 'update', '--help'],
      ['<agent_id>', '--file FILE'],
    ],
  ])('has help at every level: agentrt %j', async (argv, expected) => {
    const result = await runAgentrt(argv);
    expect(result.code).toBe(0);
    for (const text of expected) expect(result.stdout).toContain(text);
  });

  it.each([
    [[], 'no command given'],
    [['launch'], 'unknown command "launch"'],
    [['runtime'], 'agentrt runtime needs a command'],
    [['runtime', 'explode'], 'unknown command "runtime explode"'],
    [['runtime', 'list', '--colour'], "Unknown option '--colour'"],
    [['runtime', 'get'], 'agentrt runtime get takes 1 argument(s), got 0'],
    [['runtime', 'stop', 'a', 'b'], 'agentrt runtime stop takes 1 argument(s), got 2'],
    [['runtime', 'start', '--image'], "Option '--image <value>' argument missing"],
  ])('refuses %j with exit 2, the problem and the usage on stderr', async (argv, problem) => {
    const result = await runAgentrt(argv, API);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`agentrt: ${problem}`);
    expect(result.stderr).toContain('Usage: agentrt');
  });

  it.each([
    [['runtime', 'start'], '--image is required'],
    [
      ['runtime', 'start', '--image', 'x', '--env', 'NOEQUALS'],
      '--env takes KEY=VALUE, not "NOEQUALS"',
    ],
    [
      ['runtime', 'start', '--image', 'x', '--resource-factor', '3'],
      '--resource-factor must be one of 1, 2, 4, 8',
    ],
    [
      ['runtime', 'start', '--image', 'x', '--timeout', 'soon'],
      '--timeout takes a positive number of seconds',
    ],
    [['run', 'task', '--runtime', 'r', '--agent', 'a'], '--runtime and --agent exclude each other'],
    [['run', 'task', '--version', '2'], '--version goes with --agent'],
  ])('checks flag values before calling anything: %j', async (argv, problem) => {
    const result = await runAgentrt(argv, API);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(problem);
    expect(result.stderr).toContain(`Usage: agentrt ${argv[0] ?? ''}`);
  });

  it('lists every configuration problem at once, with exit 2, and never a secret', async () => {
    const result = await runAgentrt(['runtime', 'list'], {
      RUNTIME_API_URL: 'ftp://nowhere',
      AGENTRT_RESOURCE_FACTOR: '3',
      LLM_API_KEY: 'sk-very-secret',
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('invalid configuration');
    expect(result.stderr).toContain('RUNTIME_API_URL: must be an http(s) URL');
    expect(result.stderr).toContain('AGENTRT_RESOURCE_FACTOR: must be 1, 2, 4 or 8');
    expect(result.stderr).not.toContain('sk-very-secret');
    expect(result.stderr).not.toContain('Usage:');
  });

  it('names the variables a command needs when they are not set', async () => {
    const runtime = await runAgentrt(['runtime', 'list'], {});
    expect(runtime.code).toBe(2);
    expect(runtime.stderr).toContain('RUNTIME_API_URL: required');
    const agents = await runAgentrt(['agents', 'list'], {});
    expect(agents.code).toBe(2);
    expect(agents.stderr).toContain('AGENTRT_GATEWAY_ADMIN_URL: required');
    const run = await runAgentrt(['run', 'hello', '--agent', 'bot'], {});
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('AGENTRT_GATEWAY_URL: required');
  });

  it('answers a usage error with an {error} document on stdout under --json', async () => {
    const result = await runAgentrt(['runtime', 'start', '--json'], API);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toEqual({
      error: { message: '--image is required', exit_code: 2 },
    });
  });

  it('asks for an LLM before starting anything for a run', async () => {
    const result = await runAgentrt(['run', 'write hello.txt'], {});
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('LLM_MODEL: required');
  });
});
