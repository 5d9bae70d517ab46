/** Object names, label keys and label values as the real API server validates them. */
export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/** A label key is `[prefix/]name`: an optional DNS subdomain prefix, then a name of at most 63. */
function validLabelKey(key: string): boolean {
  const slash = key.indexOf('/');
  const prefix = slash < 0 ? undefined : key.slice(0, slash);
  const name = slash < 0 ? key : key.slice(slash + 1);
  if (prefix !== undefined && (!DNS_SUBDOMAIN.test(prefix) || prefix.length > 253)) return false;
  return LABEL_NAME.test(name) && name.length <= 63;
}

/** Problems with a labels map (an object's or a pod template's); empty when valid. */
export function labelProblems(labels: Record<string, string> | undefined): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(labels ?? {})) {
    if (!validLabelKey(key)) problems.push(`invalid label key "${key}"`);
    if (!LABEL_VALUE.test(value) || value.length > 63)
      problems.push(`invalid label value "${value}"`);
  }
  return problems;
}
