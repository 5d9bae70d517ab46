import { createHash, randomUUID } from 'node:crypto';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { freePort } from '@agentrt/testing';
import { type CryptoKey, SignJWT, exportJWK, generateKeyPair } from 'jose';
import { redisCli } from '../runtime-api/runtime-api.harness';
import { AppProcess } from '../support/app-process';
import { E2E } from '../support/e2e-env';

export const ISSUER = 'https://idp.edge.test';
export const AUDIENCE = 'agentrt-gateway-e2e';
export const ALLOWED_ORIGIN = 'https://app.edge.test';
export const PER_KEY_PER_MINUTE = 20;

/** A tiny OIDC provider on loopback: it serves its JWKS and signs tokens. */
export class LocalIdp {
  private constructor(
    private readonly server: Server,
    private readonly key: CryptoKey,
    readonly jwksUrl: string,
  ) {}

  static async start(): Promise<LocalIdp> {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const jwk = { ...(await exportJWK(publicKey)), kid: 'edge-1', alg: 'ES256' };
    const server = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return new LocalIdp(server, privateKey, `http://127.0.0.1:${port}/.well-known/jwks.json`);
  }

  token(claims: { scope?: string; aud?: string; expires?: string; sub?: string }): Promise<string> {
    return new SignJWT(claims.scope === undefined ? {} : { scope: claims.scope })
      .setProtectedHeader({ alg: 'ES256', kid: 'edge-1' })
      .setIssuer(ISSUER)
      .setAudience(claims.aud ?? AUDIENCE)
      .setSubject(claims.sub ?? `user-${randomUUID().slice(0, 8)}`)
      .setIssuedAt()
      .setExpirationTime(claims.expires ?? '5m')
      .sign(this.key);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

export interface EdgeReplica {
  process: AppProcess;
  url: string;
  adminUrl: string;
}

/** Two gateway replicas on one Redis prefix, with static keys `run`, `runAdmin` and `admin`. */
export class EdgeCluster {
  readonly prefix = `gw-edge-${randomUUID().slice(0, 8)}`;
  readonly keys = {
    run: `edge-run-${randomUUID()}`,
    runAdmin: `edge-run-admin-${randomUUID()}`,
    admin: `edge-admin-${randomUUID()}`,
  };
  readonly replicas: EdgeReplica[] = [];

  constructor(private readonly idp: LocalIdp) {}

  async start(count: number): Promise<void> {
    for (let i = 0; i < count; i += 1) this.replicas.push(await this.replica());
    await Promise.all(this.replicas.map((replica) => replica.process.listening()));
  }

  private async replica(): Promise<EdgeReplica> {
    const adminPort = await freePort();
    const hash = (key: string) => createHash('sha256').update(key).digest('hex');
    const process = await AppProcess.start('gateway', {
      REDIS_URL: E2E.redisUrl,
      REDIS_KEY_PREFIX: this.prefix,
      // Nothing listens there: these tests never need a runtime.
      RUNTIME_API_URL: 'http://127.0.0.1:9',
      RUNTIME_API_KEY: 'unused-by-edge-tests',
      GATEWAY_API_KEYS: [
        `${hash(this.keys.run)}:run`,
        `${hash(this.keys.runAdmin)}:run+admin`,
        `${hash(this.keys.admin)}:admin`,
      ].join(','),
      OIDC_JWKS_URL: this.idp.jwksUrl,
      OIDC_ISSUER: ISSUER,
      OIDC_AUDIENCE: AUDIENCE,
      RATE_LIMIT_PER_KEY_PER_MINUTE: String(PER_KEY_PER_MINUTE),
      RATE_LIMIT_PER_IP_PER_MINUTE: '5000',
      CORS_ORIGINS: ALLOWED_ORIGIN,
      ADMIN_PORT: String(adminPort),
    });
    return { process, url: process.url, adminUrl: `http://127.0.0.1:${adminPort}` };
  }

  async tearDown(): Promise<void> {
    await Promise.all(this.replicas.map((replica) => replica.process.stop()));
    const keys = redisCli('--scan', '--pattern', `${this.prefix}:*`).split('\n').filter(Boolean);
    for (let i = 0; i < keys.length; i += 100) redisCli('DEL', ...keys.slice(i, i + 100));
  }
}

/** GET/POST/DELETE with an optional API key (X-API-Key) or bearer token. */
export function call(
  method: string,
  url: string,
  auth: { key?: string; bearer?: string; headers?: Record<string, string>; body?: unknown } = {},
): Promise<Response> {
  const headers: Record<string, string> = { ...auth.headers };
  if (auth.key) headers['x-api-key'] = auth.key;
  if (auth.bearer) headers['authorization'] = `Bearer ${auth.bearer}`;
  if (auth.body !== undefined) headers['content-type'] = 'application/json';
  const body = auth.body === undefined ? undefined : JSON.stringify(auth.body);
  return fetch(url, { method, headers, body });
}
