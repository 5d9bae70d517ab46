/** Splits `registry:port/repo:tag` into repository and tag (a port's colon is not a tag). */
export function splitImageRef(ref: string): { repo: string; tag: string } {
  const at = ref.indexOf('@');
  const name = at === -1 ? ref : ref.slice(0, at);
  const colon = name.lastIndexOf(':');
  if (colon === -1 || colon < name.lastIndexOf('/')) return { repo: name, tag: 'latest' };
  return { repo: name.slice(0, colon), tag: name.slice(colon + 1) };
}
