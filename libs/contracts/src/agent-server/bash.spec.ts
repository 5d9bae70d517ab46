import { rejectionOf } from '../common/rejection.testing';
import { BASH_TIMEOUT_EXIT_CODE, BashEventPageSchema, BashOutputSchema } from './bash-events';
import { BashEventSearchQuerySchema, StartBashCommandRequestSchema } from './bash-requests';

const commandId = '8b9c0d1e-2f3a-4b4c-9d5e-f6a7b8c9d0e1';

describe('StartBashCommandRequestSchema', () => {
  it('defaults the timeout to 300 seconds and keeps unknown fields', () => {
    const parsed = StartBashCommandRequestSchema.parse({
      command: 'ls -la',
      cwd: null,
      shell: 'bash',
    });
    expect(parsed).toEqual({ command: 'ls -la', cwd: undefined, timeout: 300, shell: 'bash' });
  });

  it('rejects an empty command and a timeout that is not a positive integer', () => {
    expect(rejectionOf(StartBashCommandRequestSchema, { command: '' })).toContain('command');
    expect(rejectionOf(StartBashCommandRequestSchema, { command: 'ls', timeout: '30' })).toContain(
      'timeout',
    );
  });
});

describe('BashOutputSchema', () => {
  const chunk = {
    kind: 'BashOutput',
    id: '9c0d1e2f-3a4b-4c5d-8e6f-a7b8c9d0e1f2',
    timestamp: '2025-06-01T12:00:00.123456+00:00',
    command_id: commandId,
    order: 0,
    exit_code: null,
    stdout: 'total 8\n',
    stderr: null,
  };

  it('accepts a chunk of a running command (exit_code null)', () => {
    expect(BashOutputSchema.parse(chunk)).toEqual(chunk);
  });

  it('accepts the final chunk of a command killed by its timeout', () => {
    const last = { ...chunk, order: 3, exit_code: BASH_TIMEOUT_EXIT_CODE };
    expect(BashOutputSchema.parse(last).exit_code).toBe(-1);
  });

  it('rejects a fractional exit code, naming it', () => {
    expect(rejectionOf(BashOutputSchema, { ...chunk, exit_code: 0.5 })).toContain('exit_code');
  });

  it('pages a command and its outputs together', () => {
    const command = {
      kind: 'BashCommand',
      id: commandId,
      timestamp: '2025-06-01T12:00:00Z',
      command: 'ls -la',
      timeout: 300,
    };
    const page = BashEventPageSchema.parse({ items: [command, chunk] });
    expect(page.items.map((item) => item.kind)).toEqual(['BashCommand', 'BashOutput']);
    expect(page.next_page_id).toBeNull();
  });
});

describe('BashEventSearchQuerySchema', () => {
  it('reads the filters from the query string', () => {
    const parsed = BashEventSearchQuerySchema.parse({
      kind__eq: 'BashOutput',
      command_id__eq: commandId,
      order__gt: '2',
      limit: '10',
    });
    expect(parsed).toMatchObject({ kind__eq: 'BashOutput', order__gt: 2, limit: 10 });
  });

  it('rejects an unknown kind and a non-numeric order, naming each', () => {
    expect(rejectionOf(BashEventSearchQuerySchema, { kind__eq: 'BashInput' })).toContain(
      'kind__eq',
    );
    expect(rejectionOf(BashEventSearchQuerySchema, { order__gt: 'first' })).toContain('order__gt');
  });
});
