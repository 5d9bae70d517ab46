import { rejectionOf } from '../common/rejection.testing';
import {
  CaptureCliAgentQuerySchema,
  SendKeysToCliAgentRequestSchema,
  SendToCliAgentRequestSchema,
  StartCliAgentRequestSchema,
} from './cli-agents';

describe('StartCliAgentRequestSchema', () => {
  it('accepts an argv or a command line, with null cwd and env as absent', () => {
    expect(
      StartCliAgentRequestSchema.parse({ name: 'claude-1', command: ['claude'], cwd: null }),
    ).toEqual({ name: 'claude-1', command: ['claude'], cwd: undefined, env: {} });
    expect(
      StartCliAgentRequestSchema.parse({
        name: 'aider',
        command: 'aider --yes',
        cwd: '/work',
        env: { OPENAI_API_KEY: 'k' },
      }),
    ).toMatchObject({ command: 'aider --yes', cwd: '/work', env: { OPENAI_API_KEY: 'k' } });
  });

  it('refuses names that are not plain identifiers', () => {
    for (const name of ['', 'a b', 'a;b', 'a:b', '../x', 'x'.repeat(49), '$(id)']) {
      expect(rejectionOf(StartCliAgentRequestSchema, { name, command: 'x' })).toContain('name');
    }
  });

  it('refuses empty commands, empty programs, NUL bytes and bad env names', () => {
    const start = (extra: Record<string, unknown>) => ({ name: 'a', command: 'x', ...extra });
    expect(rejectionOf(StartCliAgentRequestSchema, start({ command: '' }))).toContain('command');
    expect(rejectionOf(StartCliAgentRequestSchema, start({ command: [] }))).toContain('command');
    expect(rejectionOf(StartCliAgentRequestSchema, start({ command: [''] }))).toContain('command');
    expect(rejectionOf(StartCliAgentRequestSchema, start({ command: 'a\0b' }))).toContain(
      'command',
    );
    expect(rejectionOf(StartCliAgentRequestSchema, start({ cwd: 'rel' }))).toContain('cwd');
    expect(rejectionOf(StartCliAgentRequestSchema, start({ env: { 'A-B': 'x' } }))).toContain(
      'env',
    );
  });
});

describe('the send, keys and capture inputs', () => {
  it('presses Enter after the text unless told not to', () => {
    expect(SendToCliAgentRequestSchema.parse({ text: 'hi' })).toEqual({ text: 'hi', enter: true });
    expect(SendToCliAgentRequestSchema.parse({ text: 'hi', enter: false }).enter).toBe(false);
  });

  it('takes only tmux key names', () => {
    expect(SendKeysToCliAgentRequestSchema.parse({ keys: ['C-c', 'Escape'] }).keys).toHaveLength(2);
    expect(rejectionOf(SendKeysToCliAgentRequestSchema, { keys: ['C-c;'] })).toContain('keys');
    expect(rejectionOf(SendKeysToCliAgentRequestSchema, { keys: [] })).toContain('keys');
  });

  it('captures 100 lines by default and at most 10000', () => {
    expect(CaptureCliAgentQuerySchema.parse({})).toEqual({ lines: 100 });
    expect(CaptureCliAgentQuerySchema.parse({ lines: '5' })).toEqual({ lines: 5 });
    expect(rejectionOf(CaptureCliAgentQuerySchema, { lines: '10001' })).toContain('lines');
  });
});
