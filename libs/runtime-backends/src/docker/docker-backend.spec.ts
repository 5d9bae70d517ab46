import { DockerBackend } from './docker-backend';

describe('DockerBackend without an engine', () => {
  const backend = new DockerBackend({ docker: '/nonexistent/docker.sock', owner: 'unit' });
  const handle = { backend: 'docker' as const, runtimeId: 'rt-1', ref: 'x', endpoints: {} };

  it('reports an unreachable engine as backend_unavailable', async () => {
    await expect(backend.ping()).rejects.toMatchObject({ reason: 'backend_unavailable' });
    await expect(backend.list()).rejects.toMatchObject({ reason: 'backend_unavailable' });
  });

  it('builds the tmux attach command for the runtime container', () => {
    expect(backend.attachCommand(handle, 'main')).toEqual([
      'docker',
      'exec',
      '-it',
      'agentrt-rt-1',
      'tmux',
      'attach',
      '-t',
      'main',
    ]);
  });
});
