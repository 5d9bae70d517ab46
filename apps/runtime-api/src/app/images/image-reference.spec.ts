import { DOCKER_HUB, InvalidImageReference, parseImageReference } from './image-reference';

const DIGEST = `sha256:${'a1'.repeat(32)}`;

describe('parseImageReference', () => {
  it.each([
    ['ubuntu', DOCKER_HUB, 'library/ubuntu', 'latest'],
    ['ubuntu:22.04', DOCKER_HUB, 'library/ubuntu', '22.04'],
    ['openhands/runtime:1.0_x-y', DOCKER_HUB, 'openhands/runtime', '1.0_x-y'],
    ['docker.io/ubuntu', DOCKER_HUB, 'library/ubuntu', 'latest'],
    ['index.docker.io/library/node:22', DOCKER_HUB, 'library/node', '22'],
    ['registry-1.docker.io/busybox', DOCKER_HUB, 'library/busybox', 'latest'],
    ['ghcr.io/all-hands-ai/runtime:oh_v1', 'ghcr.io', 'all-hands-ai/runtime', 'oh_v1'],
    ['127.0.0.1:5000/agentrt/img:t1', '127.0.0.1:5000', 'agentrt/img', 't1'],
    ['localhost/app', 'localhost', 'app', 'latest'],
    ['localhost:5000/a/b/c:v', 'localhost:5000', 'a/b/c', 'v'],
    ['[::1]:5000/app:v', '[::1]:5000', 'app', 'v'],
    ['Registry/app', 'Registry', 'app', 'latest'],
    ['my-registry.example.com:443/team/app', 'my-registry.example.com:443', 'team/app', 'latest'],
    ['a/b__c/d-e.f_g', DOCKER_HUB, 'a/b__c/d-e.f_g', 'latest'],
    [`ubuntu@${DIGEST}`, DOCKER_HUB, 'library/ubuntu', DIGEST],
    [`127.0.0.1:5000/app:t1@${DIGEST}`, '127.0.0.1:5000', 'app', DIGEST],
    ['127.0.0.1:5000', DOCKER_HUB, 'library/127.0.0.1', '5000'],
  ])('reads %s as %s / %s : %s', (input, registry, repository, reference) => {
    expect(parseImageReference(input)).toEqual({ registry, repository, reference });
  });

  it.each([
    ['', /repository name is missing/],
    [':tag', /repository name is missing/],
    ['127.0.0.1:5000/', /repository name is missing/],
    ['Ubuntu', /must be lowercase/],
    ['ghcr.io/Team/app', /must be lowercase/],
    ['ubuntu:bad tag', /whitespace/],
    ['ubuntu:', /"" is not a tag/],
    [`ubuntu:${'x'.repeat(129)}`, /is not a tag/],
    ['ubuntu:.hidden', /is not a tag/],
    ['ubuntu@sha256:abc', /"sha256:abc" is not a digest/],
    [`ubuntu@${DIGEST}@${DIGEST}`, /more than one "@"/],
    ['a//b', /"" is not a valid repository path component/],
    ['a/-b', /"-b" is not a valid repository path component/],
    ['a/b./c', /"b\." is not a valid repository path component/],
    ['bad_host.com/app', /"bad_host.com" is not a registry/],
    ['127.0.0.1:99999/app', /"127.0.0.1:99999" is not a registry/],
    ['127.0.0.1:0/app', /"127.0.0.1:0" is not a registry/],
    ['host:port/app', /"host:port" is not a registry/],
    [`r.io/${'a'.repeat(256)}`, /longer than 255/],
  ])('refuses %j, saying why', (input, why) => {
    const parse = () => parseImageReference(input);
    expect(parse).toThrow(InvalidImageReference);
    expect(parse).toThrow(why);
    expect(parse).toThrow(`"${input}" is not an image reference: `);
  });
});
