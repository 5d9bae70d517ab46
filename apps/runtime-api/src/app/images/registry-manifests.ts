import { z } from 'zod';

/** Every manifest shape we read: Docker v2 and OCI images, and their multi-platform indexes. */
export const MANIFEST_ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

const DescriptorSchema = z.object({
  digest: z.string().regex(/^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/),
  size: z.number().int().nonnegative(),
});
export type Descriptor = z.infer<typeof DescriptorSchema>;

const PlatformSchema = z.object({ os: z.string(), architecture: z.string() });

const ImageManifestSchema = z.object({
  config: DescriptorSchema,
  layers: z.array(DescriptorSchema),
});

const ImageIndexSchema = z.object({
  manifests: z.array(DescriptorSchema.extend({ platform: PlatformSchema.optional() })),
});
type IndexEntry = z.infer<typeof ImageIndexSchema>['manifests'][number];

/** A manifest we can use: one image's blobs, or the choice of one image in an index. */
export type Manifest =
  | { kind: 'image'; config: Descriptor; layers: Descriptor[] }
  | { kind: 'index'; chosen: Descriptor | undefined };

/** Parses a manifest body; the error message says what was wrong with it. */
export function parseManifest(body: string): Manifest {
  const json = parseJson(body);
  if (isObject(json) && json['schemaVersion'] === 1) {
    throw new Error('answered an obsolete schema 1 manifest');
  }
  // OCI lets mediaType be left out, so the shape decides: an index lists manifests.
  if (isObject(json) && 'manifests' in json) {
    const index = ImageIndexSchema.safeParse(json);
    if (!index.success) throw new Error('answered an image index with malformed entries');
    return { kind: 'index', chosen: choosePlatform(index.data.manifests) };
  }
  const image = ImageManifestSchema.safeParse(json);
  if (!image.success) throw new Error('answered a manifest without config and layers');
  return { kind: 'image', ...image.data };
}

/** linux/amd64 (what the runtimes run); else the first entry that is an image, not an attestation. */
function choosePlatform(entries: IndexEntry[]): Descriptor | undefined {
  const named = (entry: IndexEntry) => `${entry.platform?.os}/${entry.platform?.architecture}`;
  return (
    entries.find((entry) => named(entry) === 'linux/amd64') ??
    entries.find((entry) => named(entry) !== 'unknown/unknown') ??
    entries[0]
  );
}

// `created` is optional in the OCI image spec (reproducible builds often leave it out).
const ImageConfigSchema = z.object({ created: z.string().optional() });

/** The creation time in an image config blob, normalised to ISO 8601 UTC; undefined if absent. */
export function createdOf(body: string): string | undefined {
  const config = ImageConfigSchema.safeParse(parseJson(body));
  if (!config.success) throw new Error('answered an image config that is not an object');
  return isoOrUndefined(config.data.created);
}

/** `Date` keeps milliseconds of Go's nanosecond timestamps, which every client can parse. */
export function isoOrUndefined(text: string | undefined): string | undefined {
  const ms = text === undefined ? NaN : Date.parse(text);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

const ErrorsBodySchema = z.object({ errors: z.array(z.object({ code: z.string() })) });

/** The `errors[].code` of a registry's error body (distribution spec); empty for anything else. */
export function errorCodes(body: string): string[] {
  try {
    const parsed = ErrorsBodySchema.safeParse(JSON.parse(body));
    return parsed.success ? parsed.data.errors.map((error) => error.code) : [];
  } catch {
    return [];
  }
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    throw new Error('answered something that is not JSON');
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
