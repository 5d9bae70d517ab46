import { ApiException } from '@agentrt/platform';
import { resolveBuildTags } from './build-tags';

const PREFIX = '127.0.0.1:5000/agentrt';

describe('resolveBuildTags', () => {
  it('keeps references already under the prefix, as the OpenHands runtime builder sends them', () => {
    expect(
      resolveBuildTags(PREFIX, `${PREFIX}/runtime:oh_v0.59.0_abc`, [
        `${PREFIX}/runtime:oh_v0.59.0_def`,
      ]),
    ).toEqual([`${PREFIX}/runtime:oh_v0.59.0_abc`, `${PREFIX}/runtime:oh_v0.59.0_def`]);
  });

  it('adds bare tags to the target repository, as the agent-server build script sends them', () => {
    expect(
      resolveBuildTags(PREFIX, `${PREFIX}/agent-server`, ['1a2b3c4-binary', 'latest']),
    ).toEqual([`${PREFIX}/agent-server:1a2b3c4-binary`, `${PREFIX}/agent-server:latest`]);
  });

  it('re-homes images of other registries under the prefix and tags `latest` by default', () => {
    expect(resolveBuildTags(PREFIX, 'ghcr.io/openhands/runtime', [])).toEqual([
      `${PREFIX}/openhands/runtime:latest`,
    ]);
    expect(resolveBuildTags(PREFIX, 'localhost:5000/x:v1', ['docker.io/y:v2'])).toEqual([
      `${PREFIX}/x:v1`,
      `${PREFIX}/y:v2`,
    ]);
  });

  it('drops duplicates and refuses malformed references with a 400 naming the problem', () => {
    expect(resolveBuildTags(PREFIX, 'app:v1', ['v1'])).toEqual([`${PREFIX}/app:v1`]);
    const error = (() => {
      try {
        resolveBuildTags(PREFIX, 'App/Upper', ['bad tag!']);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ApiException);
    expect((error as ApiException).getStatus()).toBe(400);
    expect((error as ApiException).detail).toContain('target_image');
  });
});
