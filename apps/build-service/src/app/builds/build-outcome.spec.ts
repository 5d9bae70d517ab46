import { BlobNotFoundError } from '@agentrt/blob-store';
import { ImageBuildError } from '@agentrt/image-builder';
import { failedRun } from './build-outcome';

describe('failedRun', () => {
  it('never retries what a retry cannot change', () => {
    expect(failedRun(new ImageBuildError('build_failed', 'step 2: exit 3'), true)).toEqual({
      retry: false,
      status: 'FAILURE',
      error: 'step 2: exit 3',
    });
    expect(failedRun(new ImageBuildError('timeout', 'slow'), true)).toMatchObject({
      status: 'TIMEOUT',
    });
    expect(failedRun(new ImageBuildError('cancelled', 'x'), true)).toMatchObject({
      status: 'CANCELLED',
    });
    expect(failedRun(new ImageBuildError('push_failed', 'denied', false), true)).toMatchObject({
      retry: false,
      status: 'INTERNAL_ERROR',
    });
    expect(failedRun(new BlobNotFoundError('sha256:ab'), true)).toMatchObject({
      status: 'INTERNAL_ERROR',
      error: 'the build context sha256:ab is no longer stored',
    });
  });

  it('retries engine and registry hiccups while attempts are left, then gives up', () => {
    const down = new ImageBuildError('engine_unavailable', 'socket hang up');
    expect(failedRun(down, true)).toEqual({ retry: true, reason: 'socket hang up' });
    expect(failedRun(down, false)).toMatchObject({ retry: false, status: 'INTERNAL_ERROR' });
    expect(failedRun(new Error('redis blip'), true)).toMatchObject({ retry: true });
  });
});
