import type { RuntimeSpec } from '../runtime-backend';
import { buildCreateOptions, type HostFacts } from './create-options';
import { resolveOptions } from './docker-options';

const spec: RuntimeSpec = {
  runtimeId: 'rt-1',
  sessionId: 's-1',
  image: 'img:1',
  command: ['node', 'server.js'],
  workingDir: '/workspace',
  environment: { A: '1' },
  ports: [8000, 3000],
  resourceFactor: 2,
  runAsUser: 1000,
  runAsGroup: 1001,
  pullPolicy: 'Never',
  labels: { extra: 'x' },
};
const host: HostFacts = {
  engineCpus: 8,
  pathExists: (path) => path === '/home/u/.gitconfig',
  createdAt: new Date('2026-01-01T00:00:00Z'),
};
const credentialMounts = [
  { hostPath: '/home/u/.gitconfig', containerPath: '/root/.gitconfig' },
  { hostPath: '/home/u/.ssh', containerPath: '/root/.ssh' },
];

describe('buildCreateOptions', () => {
  const options = resolveOptions({ docker: '/x.sock', owner: 'me', credentialMounts });
  const created = buildCreateOptions(spec, options, host);

  it('names, labels and configures the container from the spec', () => {
    expect(created).toMatchObject({
      name: 'agentrt-rt-1',
      Image: 'img:1',
      Cmd: ['node', 'server.js'],
      WorkingDir: '/workspace',
      User: '1000:1001',
      Env: ['A=1'],
      Labels: {
        extra: 'x',
        'org.agentrt.managed-by': 'agentrt',
        'org.agentrt.owner': 'me',
        'org.agentrt.runtime-id': 'rt-1',
        'org.agentrt.created-at': '2026-01-01T00:00:00.000Z',
        'org.agentrt.ports': '8000,3000',
      },
    });
  });

  it('scales limits by the resource factor and publishes random ports on the publish host', () => {
    expect(created.HostConfig).toMatchObject({
      NetworkMode: 'bridge',
      Memory: 4 * 1024 ** 3,
      NanoCpus: 2e9,
      PortBindings: { '8000/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] },
    });
  });

  it('mounts the workspace volume and only the credentials that exist, read-only', () => {
    expect(created.HostConfig?.Mounts).toEqual([
      { Type: 'volume', Source: 'agentrt-ws-rt-1', Target: '/workspace' },
      { Type: 'bind', Source: '/home/u/.gitconfig', Target: '/root/.gitconfig', ReadOnly: true },
    ]);
  });

  it('caps CPUs at what the engine has and publishes nothing on the host network', () => {
    const hostNet = resolveOptions({ docker: '/x.sock', owner: 'me', network: 'host' });
    const result = buildCreateOptions({ ...spec, resourceFactor: 8 }, hostNet, host);
    expect(result.HostConfig?.NanoCpus).toBe(8e9);
    expect(result.HostConfig?.PortBindings).toBeUndefined();
    expect(result.ExposedPorts).toBeUndefined();
  });

  it('binds a directory under the bind root and keeps the image command when argv is empty', () => {
    const bind = resolveOptions({
      docker: '/x.sock',
      owner: 'me',
      workspace: { kind: 'bind', root: '/srv/ws/' },
    });
    const result = buildCreateOptions({ ...spec, command: [] }, bind, { ...host, engineCpus: 1 });
    expect(result.Cmd).toBeUndefined();
    expect(result.HostConfig?.NanoCpus).toBe(1e9);
    expect(result.HostConfig?.Mounts?.[0]).toEqual({
      Type: 'bind',
      Source: '/srv/ws/rt-1',
      Target: '/workspace',
    });
  });
});
