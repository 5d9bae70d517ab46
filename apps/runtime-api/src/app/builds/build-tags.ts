import { ApiException } from '@agentrt/platform';
import { InvalidImageReference, parseImageReference } from '../images/image-reference';

const MAX_TAGS = 20;

/**
 * The full references a build pushes, first one being the build's `image`. Everything is pushed
 * under the registry prefix: a `target_image` naming another registry (say `ghcr.io/org/x`) is
 * re-homed there (`<prefix>/org/x`). `tags` may be bare tags (`v1`, added to the target's
 * repository, as the agent-server build script sends them) or full references (as the OpenHands
 * runtime builder sends them). Without any tag, the image is tagged `latest`.
 */
export function resolveBuildTags(
  registryPrefix: string,
  targetImage: string,
  tags: readonly string[],
): string[] {
  const prefix = registryPrefix.replace(/\/+$/, '');
  const target = splitTag(targetImage);
  const repository = rehome(prefix, target.name);
  const refs = [
    ...(target.tag ? [`${repository}:${target.tag}`] : []),
    ...tags.map((tag) => (isBareTag(tag) ? `${repository}:${tag}` : fullRef(prefix, tag))),
  ];
  if (refs.length === 0) refs.push(`${repository}:latest`);
  const unique = [...new Set(refs)];
  if (unique.length > MAX_TAGS) {
    throw invalid('tags', `at most ${MAX_TAGS} image tags per build, got ${unique.length}`);
  }
  for (const ref of unique) check(ref);
  return unique;
}

function isBareTag(tag: string): boolean {
  return !tag.includes('/') && !tag.includes(':');
}

function fullRef(prefix: string, ref: string): string {
  const { name, tag } = splitTag(ref);
  return `${rehome(prefix, name)}:${tag ?? 'latest'}`;
}

/** `name[:tag]`, where a colon before the last slash is a registry port, not a tag. */
function splitTag(ref: string): { name: string; tag?: string } {
  const colon = ref.lastIndexOf(':');
  if (colon === -1 || colon < ref.lastIndexOf('/')) return { name: ref };
  return { name: ref.slice(0, colon), tag: ref.slice(colon + 1) };
}

function rehome(prefix: string, name: string): string {
  if (name.startsWith(`${prefix}/`)) return name;
  const [first = '', ...rest] = name.split('/');
  const namesRegistry = rest.length > 0 && (/[.:]/.test(first) || first === 'localhost');
  return `${prefix}/${namesRegistry ? rest.join('/') : name}`;
}

function check(ref: string): void {
  try {
    parseImageReference(ref);
  } catch (error) {
    if (error instanceof InvalidImageReference) throw invalid('target_image', error.message);
    throw error;
  }
}

function invalid(path: string, message: string): ApiException {
  return new ApiException(400, `Invalid request: ${path}: ${message}`, 'validation_failed', {
    errors: [{ path, message }],
  });
}
