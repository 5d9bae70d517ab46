/** One RFC 6902 operation, as kustomize's `patches` files hold them (add, replace, remove). */
export interface PatchOp {
  op: 'add' | 'replace' | 'remove';
  path: string;
  value?: unknown;
}

type Container = Record<string, unknown> | unknown[];

function isContainer(value: unknown): value is Container {
  return typeof value === 'object' && value !== null;
}

/** The parent of the pointer's target and the last segment (`~1` is `/`, `~0` is `~`). */
function locate(document: unknown, pointer: string): { parent: Container; key: string } {
  const segments = pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const key = segments.pop();
  if (key === undefined) throw new Error(`bad JSON pointer ${pointer}`);
  let parent: unknown = document;
  for (const segment of segments) {
    parent = isContainer(parent) ? (parent as Record<string, unknown>)[segment] : undefined;
  }
  if (!isContainer(parent)) throw new Error(`JSON patch: no parent for ${pointer}`);
  return { parent, key };
}

/** Applies the operations in place; a replace or remove of a missing member fails, as in kustomize. */
export function applyJsonPatch(document: object, ops: readonly PatchOp[]): void {
  for (const { op, path, value } of ops) {
    const { parent, key } = locate(document, path);
    if (Array.isArray(parent)) {
      const index = key === '-' ? parent.length : Number(key);
      if (op !== 'add' && index >= parent.length) throw new Error(`JSON patch: no ${path}`);
      parent.splice(index, op === 'add' ? 0 : 1, ...(op === 'remove' ? [] : [value]));
      continue;
    }
    if (op !== 'add' && !(key in parent)) throw new Error(`JSON patch: no ${path}`);
    if (op === 'remove') delete parent[key];
    else parent[key] = value;
  }
}
