import { ImageExistsResponseSchema } from './images';
import { rejectionOf } from '../common/rejection.testing';
import { RuntimeSchema } from './runtime';
import { ResumeRequestSchema, SessionsBatchQuerySchema } from './runtime-requests';
import { RuntimeListResponseSchema, RuntimeLookupResponseSchema } from './runtime-responses';
import { FATAL_POD_STATUSES, isFatalPodStatus, PodStatusSchema } from './statuses';

const runtime = {
  runtime_id: 'rt-7d9f2c',
  session_id: 'c0a8012e7f3a4c1b9e2d',
  url: 'http://127.0.0.1:5053/rt-7d9f2c',
  session_api_key: 'sk-session-2f9a',
  status: 'running',
  pod_status: 'ready',
  work_hosts: { 'http://127.0.0.1:5053/rt-7d9f2c/ports/8080': 8080 },
  restart_count: 0,
  restart_reasons: [],
  image: 'agentrt/agent-server:dev',
  resource_factor: 1,
  created_at: '2025-06-01T12:00:00.000Z',
};

describe('RuntimeSchema', () => {
  it('accepts a complete runtime object', () => {
    expect(RuntimeSchema.parse(runtime)).toEqual(runtime);
  });

  it('accepts the diagnostics a hanging start carries', () => {
    const parsed = RuntimeSchema.parse({
      ...runtime,
      status: 'starting',
      pod_status: 'pending',
      pod_logs: 'Starting agent server on port 60000\n',
      container_statuses: [{ name: 'agent', state: 'waiting', reason: 'ImagePullBackOff' }],
      events: [{ type: 'Warning', reason: 'Failed', message: 'pull access denied' }],
    });
    expect(parsed.container_statuses?.[0]?.reason).toBe('ImagePullBackOff');
  });

  it('requires every field clients index into', () => {
    const withoutReasons = { ...runtime, restart_reasons: undefined };
    expect(rejectionOf(RuntimeSchema, withoutReasons)).toContain('restart_reasons');
  });

  it('rejects a work host port that is not a port number', () => {
    const message = rejectionOf(RuntimeSchema, {
      ...runtime,
      work_hosts: { 'http://h/x': '8080' },
    });
    expect(message).toContain('work_hosts');
  });

  it('rejects an unknown status, naming it', () => {
    expect(rejectionOf(RuntimeSchema, { ...runtime, status: 'booting' })).toContain('status');
  });
});

describe('pod statuses', () => {
  it('treats exactly failed, unknown and crashloopbackoff as fatal', () => {
    const fatal = PodStatusSchema.options.filter(isFatalPodStatus);
    expect(fatal.sort()).toEqual(['crashloopbackoff', 'failed', 'unknown']);
    expect(FATAL_POD_STATUSES.size).toBe(3);
  });

  it('spells the unknown-runtime status with a space', () => {
    expect(PodStatusSchema.parse('not found')).toBe('not found');
    expect(PodStatusSchema.safeParse('not_found').success).toBe(false);
  });
});

describe('runtime responses', () => {
  it('answers an unknown runtime id with the not-found marker', () => {
    const marker = { runtime_id: 'rt-gone', pod_status: 'not found' };
    expect(RuntimeLookupResponseSchema.parse(marker)).toEqual(marker);
    expect(RuntimeLookupResponseSchema.parse(runtime)).toEqual(runtime);
  });

  it('lists runtimes with their total', () => {
    expect(RuntimeListResponseSchema.parse({ runtimes: [runtime], total: 1 }).total).toBe(1);
  });
});

describe('SessionsBatchQuerySchema', () => {
  it('accepts ids repeated, comma-separated or mixed', () => {
    expect(SessionsBatchQuerySchema.parse({ ids: ['a', 'b'] }).ids).toEqual(['a', 'b']);
    expect(SessionsBatchQuerySchema.parse({ ids: 'a,b' }).ids).toEqual(['a', 'b']);
    expect(SessionsBatchQuerySchema.parse({ ids: ['a,b', 'c'] }).ids).toEqual(['a', 'b', 'c']);
  });

  it('rejects a query without ids', () => {
    expect(rejectionOf(SessionsBatchQuerySchema, { ids: '' })).toContain('ids');
    expect(rejectionOf(SessionsBatchQuerySchema, {})).toContain('ids');
  });
});

describe('ImageExistsResponseSchema', () => {
  it('requires the image details when the image exists', () => {
    expect(rejectionOf(ImageExistsResponseSchema, { exists: true })).toContain('image');
    const found = {
      exists: true,
      image: { upload_time: '2025-06-01T12:00:00+00:00', image_size_bytes: 734003200 },
    };
    expect(ImageExistsResponseSchema.parse(found)).toEqual(found);
  });

  it('needs nothing more when the image does not exist', () => {
    expect(ImageExistsResponseSchema.parse({ exists: false })).toEqual({ exists: false });
  });
});

describe('ResumeRequestSchema', () => {
  it('keeps the session key unless rotation is asked for', () => {
    expect(ResumeRequestSchema.parse({ runtime_id: 'rt-1' }).rotate_session_key).toBe(false);
    expect(rejectionOf(ResumeRequestSchema, {})).toContain('runtime_id');
  });
});
