import { rejectionOf } from '../common/rejection.testing';
import { FilePathQuerySchema } from './files';
import { RuntimeInitRequestSchema, ServerInfoSchema } from './server-info';

describe('FilePathQuerySchema', () => {
  it('accepts an absolute path', () => {
    expect(FilePathQuerySchema.parse({ path: '/workspace/src/app.ts' }).path).toBe(
      '/workspace/src/app.ts',
    );
  });

  it('rejects a relative path with a message that says why and shows the path', () => {
    const message = rejectionOf(FilePathQuerySchema, { path: 'src/app.ts' });
    expect(message).toBe('path: path must be absolute (start with "/"), got "src/app.ts"');
  });

  it('rejects a missing path and a path with a NUL byte', () => {
    expect(rejectionOf(FilePathQuerySchema, {})).toContain('path');
    expect(rejectionOf(FilePathQuerySchema, { path: '/etc/passwd\0.txt' })).toContain('NUL');
  });
});

describe('ServerInfoSchema', () => {
  it('accepts the server info the idle reaper reads, with extra fields', () => {
    const info = { uptime: 3600.5, idle_time: 12.25, version: '0.1.0', title: 'agentrt' };
    expect(ServerInfoSchema.parse(info)).toEqual(info);
  });

  it('rejects a negative idle time, naming it', () => {
    const message = rejectionOf(ServerInfoSchema, { uptime: 1, idle_time: -1, version: 'x' });
    expect(message).toContain('idle_time');
  });
});

describe('RuntimeInitRequestSchema', () => {
  it('requires the session key; the environment is optional', () => {
    expect(RuntimeInitRequestSchema.parse({ session_api_key: 'sk-1' }).environment).toBeUndefined();
    expect(
      RuntimeInitRequestSchema.parse({ session_api_key: 'sk-1', environment: { A: '1' } })
        .environment,
    ).toEqual({ A: '1' });
    expect(rejectionOf(RuntimeInitRequestSchema, { environment: {} })).toContain('session_api_key');
  });
});
