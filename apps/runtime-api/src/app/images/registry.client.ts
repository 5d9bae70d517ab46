import type { ImageInfo } from '@agentrt/contracts';
import type { ImageReference } from './image-reference';
import { type RegistryAnswer, RegistryHttp, type RegistryHttpOptions } from './registry-http';
import {
  createdOf,
  errorCodes,
  isoOrUndefined,
  MANIFEST_ACCEPT,
  type Manifest,
  parseManifest,
} from './registry-manifests';

type ImageManifest = Extract<Manifest, { kind: 'image' }>;

// Reproducible builds may leave `created` out; the contract still needs a time, so "unknown".
const UNKNOWN_TIME = new Date(0).toISOString();
const NOT_FOUND_CODES = ['MANIFEST_UNKNOWN', 'NAME_UNKNOWN'];

/**
 * Asks a registry's v2 API whether an image exists, and how big and how old it is. Throws
 * `RegistryError` (naming the registry) when it cannot be reached or answers unexpectedly.
 */
export class RegistryClient {
  constructor(private readonly options: RegistryHttpOptions) {}

  /** Upload time and size of the image, or undefined when the registry does not have it. */
  async findImage(ref: ImageReference): Promise<ImageInfo | undefined> {
    const http = new RegistryHttp(ref, this.options);
    const top = await this.manifest(http, ref.reference);
    if (top === undefined) return undefined;
    const image = top.kind === 'image' ? top : await this.chosenImage(http, top);
    const config = await http.get(`blobs/${image.config.digest}`, '*/*');
    expectOk(http, config, `the config blob ${image.config.digest}`);
    const created = parsed(http, () => createdOf(config.body));
    return {
      upload_time: created ?? isoOrUndefined(config.lastModified) ?? UNKNOWN_TIME,
      image_size_bytes: image.layers.reduce((sum, layer) => sum + layer.size, image.config.size),
    };
  }

  private async manifest(http: RegistryHttp, reference: string): Promise<Manifest | undefined> {
    const answer = await http.get(`manifests/${reference}`, MANIFEST_ACCEPT);
    if (answer.status === 404 && saysNotFound(answer)) return undefined;
    expectOk(http, answer, `the manifest ${reference}`);
    return parsed(http, () => parseManifest(answer.body));
  }

  /** The image an index points at for our platform; a dangling entry is the registry's fault. */
  private async chosenImage(
    http: RegistryHttp,
    index: Extract<Manifest, { kind: 'index' }>,
  ): Promise<ImageManifest> {
    if (!index.chosen) throw http.error('answered an empty image index');
    const digest = index.chosen.digest;
    const child = await this.manifest(http, digest);
    if (child === undefined) throw http.error(`lists ${digest} in an index but does not have it`);
    if (child.kind === 'index') throw http.error('nests an image index inside another');
    return child;
  }
}

/** A 404 from a registry, not from some other web server at that address. */
function saysNotFound(answer: RegistryAnswer): boolean {
  return (
    answer.isRegistry || errorCodes(answer.body).some((code) => NOT_FOUND_CODES.includes(code))
  );
}

function expectOk(http: RegistryHttp, answer: RegistryAnswer, what: string): void {
  if (answer.status === 200) return;
  if (answer.status === 401 || answer.status === 403) {
    throw http.error(
      `refused anonymous access to ${what} (HTTP ${answer.status}): the repository is private or does not exist`,
    );
  }
  const codes = errorCodes(answer.body);
  const why = codes.length > 0 ? ` (${codes.join(', ')})` : '';
  throw http.error(`answered HTTP ${answer.status}${why} for ${what}`);
}

function parsed<T>(http: RegistryHttp, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw http.error(error instanceof Error ? error.message : String(error));
  }
}
