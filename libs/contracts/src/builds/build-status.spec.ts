import { rejectionOf } from '../common/rejection.testing';
import { BuildLogsQuerySchema } from './build-control';
import {
  BuildStatusSchema,
  IN_PROGRESS_BUILD_STATUSES,
  isTerminalBuildStatus,
  ObservedBuildStatusSchema,
  TERMINAL_BUILD_STATUSES,
} from './build-status';
import { BuildStatusResponseSchema } from './build-status-response';

describe('build statuses', () => {
  it('splits all nine statuses into in-progress and terminal, without overlap', () => {
    const all = [...IN_PROGRESS_BUILD_STATUSES, ...TERMINAL_BUILD_STATUSES];
    expect(all.sort()).toEqual([...BuildStatusSchema.options].sort());
    expect(BuildStatusSchema.options).toHaveLength(9);
  });

  it('knows which statuses end a build', () => {
    expect(isTerminalBuildStatus('WORKING')).toBe(false);
    expect(isTerminalBuildStatus('CANCELLED')).toBe(true);
  });

  it('never answers RUNNING, but reads it as WORKING from other services', () => {
    expect(BuildStatusSchema.safeParse('RUNNING').success).toBe(false);
    expect(ObservedBuildStatusSchema.parse('RUNNING')).toBe('WORKING');
    expect(ObservedBuildStatusSchema.parse('SUCCESS')).toBe('SUCCESS');
  });
});

describe('BuildStatusResponseSchema', () => {
  const started = {
    build_id: 'b-5e1f',
    created_at: '2025-06-01T12:00:00Z',
    started_at: '2025-06-01T12:00:01Z',
  };

  it('accepts a finished build with its image', () => {
    const done = {
      ...started,
      status: 'SUCCESS',
      image: 'localhost:5000/agentrt/runtime:oh_v0.59.0_abc',
      finished_at: '2025-06-01T12:03:00Z',
    };
    expect(BuildStatusResponseSchema.parse(done)).toEqual(done);
  });

  it('requires the image on SUCCESS', () => {
    expect(rejectionOf(BuildStatusResponseSchema, { ...started, status: 'SUCCESS' })).toContain(
      'image',
    );
  });

  it('accepts a failure with its reason and an in-progress build without an image', () => {
    expect(
      BuildStatusResponseSchema.parse({ ...started, status: 'FAILURE', error: 'no Dockerfile' })
        .error,
    ).toBe('no Dockerfile');
    expect(BuildStatusResponseSchema.parse({ build_id: 'b-1', status: 'QUEUED' }).status).toBe(
      'QUEUED',
    );
  });

  it('rejects an unknown status and a malformed timestamp, naming the field', () => {
    expect(rejectionOf(BuildStatusResponseSchema, { build_id: 'b', status: 'DONE' })).toContain(
      'status',
    );
    expect(
      rejectionOf(BuildStatusResponseSchema, {
        build_id: 'b',
        status: 'QUEUED',
        created_at: 'now',
      }),
    ).toContain('created_at');
  });
});

describe('BuildLogsQuerySchema', () => {
  it('reads follow from the query string and defaults to false', () => {
    expect(BuildLogsQuerySchema.parse({ build_id: 'b', follow: 'true' }).follow).toBe(true);
    expect(BuildLogsQuerySchema.parse({ build_id: 'b', follow: '0' }).follow).toBe(false);
    expect(BuildLogsQuerySchema.parse({ build_id: 'b' }).follow).toBe(false);
  });

  it('rejects an unreadable follow value, naming it', () => {
    expect(rejectionOf(BuildLogsQuerySchema, { build_id: 'b', follow: 'always' })).toContain(
      'follow',
    );
  });
});
