import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { applyJsonPatch, type PatchOp } from './json-patch';
import { asK8sObject, isRecord, walk, type K8sObject } from './k8s-object';

/**
 * The subset of kustomize our kustomizations use, so CI renders them without a kubectl binary
 * (Debian 12's kubectl is 1.20, too old for them). Any other field fails the render rather than
 * being ignored. Differences from `kubectl kustomize`: the generators' hash suffix is computed
 * differently (names differ, references are rewritten the same way) and objects are not sorted.
 */
interface Kustomization {
  resources?: string[];
  images?: { name: string; newName?: string; newTag?: string }[];
  secretGenerator?: Generator[];
  configMapGenerator?: Generator[];
  patches?: { path: string; target: { kind: string; name: string } }[];
}
interface Generator {
  name: string;
  namespace?: string;
  envs: string[];
}

const FIELDS = new Set([
  'apiVersion',
  'kind',
  ...['resources', 'images', 'patches'],
  'secretGenerator',
  'configMapGenerator',
]);

export function kustomize(dir: string): K8sObject[] {
  const file = join(dir, 'kustomization.yaml');
  const spec = parse(readFileSync(file, 'utf8')) as Kustomization & Record<string, unknown>;
  const unknown = Object.keys(spec).filter((field) => !FIELDS.has(field));
  if (unknown.length > 0) throw new Error(`${file}: unsupported fields ${unknown.join(', ')}`);
  const objects = (spec.resources ?? []).flatMap((path) => load(join(dir, path)));
  const generated = [
    ...(spec.secretGenerator ?? []).map((g) => generate('Secret', g, dir)),
    ...(spec.configMapGenerator ?? []).map((g) => generate('ConfigMap', g, dir)),
  ];
  objects.push(...generated);
  for (const { path, target } of spec.patches ?? []) {
    const matches = objects.filter(
      (o) => o.kind === target.kind && o.metadata.name === target.name,
    );
    if (matches.length === 0)
      throw new Error(`${file}: patch target ${target.kind}/${target.name} not found`);
    const ops = parse(readFileSync(join(dir, path), 'utf8')) as PatchOp[];
    matches.forEach((object) => applyJsonPatch(object, ops));
  }
  (spec.images ?? []).forEach((image) => objects.forEach((o) => setImage(o, image)));
  generated.forEach((object) => suffixName(object, objects));
  return objects;
}

function load(path: string): K8sObject[] {
  if (statSync(path).isDirectory()) return kustomize(path);
  return parseAllDocuments(readFileSync(path, 'utf8'))
    .map((document) => document.toJS() as unknown)
    .filter((value) => value !== null)
    .map((value) => asK8sObject(value, path));
}

/** `KEY=value` lines; blank lines and `#` comments skipped, as kustomize's env files. */
export function readEnvFile(path: string): Record<string, string> {
  const entries = readFileSync(path, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const at = line.indexOf('=');
      if (at <= 0) throw new Error(`${path}: "${line}" is not KEY=value`);
      return [line.slice(0, at), line.slice(at + 1)] as const;
    });
  return Object.fromEntries(entries);
}

function generate(kind: 'Secret' | 'ConfigMap', g: Generator, dir: string): K8sObject {
  const values = Object.assign({}, ...g.envs.map((env) => readEnvFile(join(dir, env)))) as Record<
    string,
    string
  >;
  const encode = (v: string): string => (kind === 'Secret' ? Buffer.from(v).toString('base64') : v);
  const data = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, encode(v)]));
  const metadata = { name: g.name, ...(g.namespace ? { namespace: g.namespace } : {}) };
  return {
    apiVersion: 'v1',
    kind,
    metadata,
    ...(kind === 'Secret' ? { type: 'Opaque' } : {}),
    data,
  };
}

/** Renames a generated object `<name>-<hash of its content>` and every reference to it. */
function suffixName(generated: K8sObject, objects: K8sObject[]): void {
  const { name, namespace } = generated.metadata;
  const hash = createHash('sha256').update(JSON.stringify(generated)).digest('hex').slice(0, 10);
  const renamed = `${name}-${hash}`;
  generated.metadata.name = renamed;
  const refs = generated.kind === 'Secret' ? SECRET_REFS : CONFIG_MAP_REFS;
  for (const object of objects.filter((o) => o.metadata.namespace === namespace)) {
    walk(object, (node) => {
      for (const [key, field] of refs) {
        const ref = node[key];
        if (isRecord(ref) && ref[field] === name) ref[field] = renamed;
      }
    });
  }
}

const SECRET_REFS = [
  ['secretRef', 'name'],
  ['secretKeyRef', 'name'],
  ['secret', 'secretName'],
] as const;
const CONFIG_MAP_REFS = [
  ['configMapRef', 'name'],
  ['configMapKeyRef', 'name'],
  ['configMap', 'name'],
] as const;

/** kustomize's `images`: a container image named `name` (any tag) gets the new name and tag. */
function setImage(
  object: K8sObject,
  image: { name: string; newName?: string; newTag?: string },
): void {
  walk(object, (node) => {
    for (const key of ['containers', 'initContainers']) {
      const containers = node[key];
      if (!Array.isArray(containers)) continue;
      for (const container of containers.filter(isRecord)) {
        const current = String(container['image']);
        const colon = current.lastIndexOf(':');
        const [name, tag] =
          colon > current.lastIndexOf('/')
            ? [current.slice(0, colon), current.slice(colon + 1)]
            : [current, undefined];
        if (name !== image.name) continue;
        const newTag = image.newTag ?? tag;
        container['image'] = `${image.newName ?? name}${newTag ? `:${newTag}` : ''}`;
      }
    }
  });
}
