/** Where Docker Hub's v2 API answers; `docker.io/...` and names without a registry mean it. */
export const DOCKER_HUB = 'registry-1.docker.io';
const HUB_ALIASES = new Set(['docker.io', 'index.docker.io', DOCKER_HUB]);

/** An image reference resolved to the registry, repository and manifest to ask for. */
export interface ImageReference {
  /** `host[:port]` of the registry, e.g. `127.0.0.1:5000` or `registry-1.docker.io`. */
  registry: string;
  /** Repository path inside that registry, e.g. `library/ubuntu`. */
  repository: string;
  /** Tag or digest, as in `/v2/<repository>/manifests/<reference>`. */
  reference: string;
}

/** The input is not an image reference; the message says which part is wrong. */
export class InvalidImageReference extends Error {}

// The grammar of github.com/distribution/reference (what `docker pull` accepts).
const DOMAIN_PART = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = new RegExp(
  `^(?:${DOMAIN_PART}(?:\\.${DOMAIN_PART})*|\\[[a-fA-F0-9:]+\\])(?::([0-9]{1,5}))?$`,
);
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
const MAX_NAME_LENGTH = 255;

/**
 * Parses `[registry[:port]/]repository[:tag][@digest]` the way Docker does: a first segment with
 * a dot, a port, capitals or `localhost` names the registry, anything else means Docker Hub
 * (`library/` added to one-segment names); no tag means `latest`; a digest wins over a tag.
 */
export function parseImageReference(input: string): ImageReference {
  if (/\s/.test(input)) fail(input, 'it contains whitespace');
  const [rest = '', digest, ...extra] = input.split('@');
  if (extra.length > 0) fail(input, 'it contains more than one "@"');
  if (digest !== undefined && !DIGEST.test(digest)) {
    fail(input, `"${digest}" is not a digest (algorithm:hex, e.g. sha256:...)`);
  }
  const { name, tag } = splitTag(input, rest);
  const { registry, path } = splitRegistry(input, name);
  return { registry, repository: checkPath(input, registry, path), reference: digest ?? tag };
}

function splitTag(input: string, rest: string): { name: string; tag: string } {
  const colon = rest.lastIndexOf(':');
  // A colon before the last slash is a registry port, not a tag.
  if (colon === -1 || colon < rest.lastIndexOf('/')) return { name: rest, tag: 'latest' };
  const tag = rest.slice(colon + 1);
  if (!TAG.test(tag)) {
    fail(input, `"${tag}" is not a tag (letters, digits, "_", "." and "-", at most 128)`);
  }
  return { name: rest.slice(0, colon), tag };
}

function splitRegistry(input: string, name: string): { registry: string; path: string } {
  const slash = name.indexOf('/');
  const first = name.slice(0, slash);
  const namesRegistry =
    slash !== -1 && (/[.:[]/.test(first) || first === 'localhost' || first !== first.toLowerCase());
  if (!namesRegistry) return { registry: DOCKER_HUB, path: name };
  const port = DOMAIN.exec(first)?.[1];
  if (!DOMAIN.test(first) || (port !== undefined && (+port < 1 || +port > 65_535))) {
    fail(input, `"${first}" is not a registry host[:port]`);
  }
  const registry = HUB_ALIASES.has(first.toLowerCase()) ? DOCKER_HUB : first;
  return { registry, path: name.slice(slash + 1) };
}

function checkPath(input: string, registry: string, path: string): string {
  if (path.length === 0) fail(input, 'the repository name is missing');
  for (const component of path.split('/')) {
    if (component !== component.toLowerCase()) fail(input, 'repository names must be lowercase');
    if (!PATH_COMPONENT.test(component)) {
      fail(input, `"${component}" is not a valid repository path component`);
    }
  }
  const repository = registry === DOCKER_HUB && !path.includes('/') ? `library/${path}` : path;
  if (repository.length > MAX_NAME_LENGTH) {
    fail(input, `the repository name is longer than ${MAX_NAME_LENGTH} characters`);
  }
  return repository;
}

function fail(input: string, why: string): never {
  throw new InvalidImageReference(`"${input}" is not an image reference: ${why}`);
}
