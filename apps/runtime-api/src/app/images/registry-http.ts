import type { ImageReference } from './image-reference';
import { describeFetchFailure, RegistryError } from './registry-error';
import { parseBearerChallenge, tokenOf, tokenUrl } from './registry-token';

export interface RegistryHttpOptions {
  /** Limit for each request, body included. */
  timeoutMs: number;
  /** Whether `host[:port]` is spoken to over plain http rather than https. */
  plainHttp: (registry: string) => boolean;
}

/** What a registry answered, read in full. */
export interface RegistryAnswer {
  status: number;
  contentType: string;
  body: string;
  lastModified?: string;
  /** The server said it speaks the registry API (`Docker-Distribution-Api-Version`). */
  isRegistry: boolean;
}

// The distribution spec's own limit for manifests; image configs are far smaller in practice.
const MAX_BODY_BYTES = 4 * 1024 * 1024;

/** Without a configured list, loopback registries (the dev registry) are plain http. */
export function plainHttpRegistries(hosts?: readonly string[]): (registry: string) => boolean {
  if (hosts) {
    const listed = new Set(hosts.map((host) => host.toLowerCase()));
    return (registry) => listed.has(registry.toLowerCase());
  }
  return (registry) => /^(localhost|\[::1\]|127(\.\d{1,3}){3})(:\d+)?$/i.test(registry);
}

/** GETs under one repository of one registry, answering a bearer challenge anonymously once. */
export class RegistryHttp {
  private authorization: string | undefined;

  constructor(
    private readonly ref: ImageReference,
    private readonly options: RegistryHttpOptions,
  ) {}

  /** GET `/v2/<repository>/<path>`. */
  async get(path: string, accept: string): Promise<RegistryAnswer> {
    const scheme = this.options.plainHttp(this.ref.registry) ? 'http' : 'https';
    const url = `${scheme}://${this.ref.registry}/v2/${this.ref.repository}/${path}`;
    const { answer, challenge } = await this.fetch(url, accept);
    if (answer.status !== 401 || this.authorization !== undefined) return answer;
    const bearer = parseBearerChallenge(challenge);
    if (!bearer) return answer; // e.g. Basic: we hold no credentials, so 401 stands
    const token = await this.fetch(tokenUrl(bearer, this.ref.repository), 'application/json');
    const value = token.answer.status === 200 ? tokenOf(token.answer.body) : undefined;
    if (!value) {
      throw this.error(`gave no pull token (${bearer.realm} answered HTTP ${token.answer.status})`);
    }
    this.authorization = `Bearer ${value}`;
    return (await this.fetch(url, accept)).answer;
  }

  error(reason: string): RegistryError {
    return new RegistryError(this.ref.registry, reason);
  }

  private async fetch(url: string, accept: string) {
    const headers: Record<string, string> = { accept };
    if (this.authorization) headers['authorization'] = this.authorization;
    let response: Response;
    let body: string | undefined;
    try {
      response = await fetch(url, { headers, signal: AbortSignal.timeout(this.options.timeoutMs) });
      body = await readCapped(response, MAX_BODY_BYTES);
    } catch (error) {
      throw this.error(describeFetchFailure(error, this.options.timeoutMs));
    }
    if (body === undefined) throw this.error(`answered ${url} with more than 4 MiB`);
    const answer: RegistryAnswer = {
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      body,
      lastModified: response.headers.get('last-modified') ?? undefined,
      isRegistry: response.headers.has('docker-distribution-api-version'),
    };
    return { answer, challenge: response.headers.get('www-authenticate') ?? undefined };
  }
}

/** The body as text, or undefined (and the rest discarded) once it passes `max` bytes. */
async function readCapped(response: Response, max: number): Promise<string | undefined> {
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of response.body) {
    total += chunk.byteLength;
    if (total > max) return undefined; // leaving the loop cancels the stream
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
