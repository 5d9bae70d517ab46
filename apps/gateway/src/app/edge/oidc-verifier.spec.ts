import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiException } from '@agentrt/platform';
import { type CryptoKey, type JWK, SignJWT, exportJWK, generateKeyPair } from 'jose';
import { OidcVerifier, scopesOf } from './oidc-verifier';

const ISSUER = 'https://idp.test';
const AUDIENCE = 'agentrt-gateway';

/** A real JWKS endpoint on loopback, as an identity provider serves it. */
async function jwksServer(keys: JWK[]): Promise<{ url: string; server: Server }> {
  const server = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`, server };
}

describe('OidcVerifier (local JWKS server)', () => {
  let signingKey: CryptoKey;
  let otherKey: CryptoKey;
  let jwks: { url: string; server: Server };
  let verifier: OidcVerifier;

  const token = (claims: Record<string, unknown>, key = signingKey, expires = '5m') =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject('user-42')
      .setIssuedAt()
      .setExpirationTime(expires)
      .sign(key);

  beforeAll(async () => {
    const pair = await generateKeyPair('ES256', { extractable: true });
    ({ privateKey: otherKey } = await generateKeyPair('ES256'));
    signingKey = pair.privateKey;
    jwks = await jwksServer([{ ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256' }]);
    verifier = new OidcVerifier({ jwksUrl: jwks.url, issuer: ISSUER, audience: [AUDIENCE] });
  });
  afterAll(() => new Promise((resolve) => jwks.server.close(resolve)));

  const refusal = async (work: Promise<unknown>) => {
    const error = await work.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiException);
    const apiError = error as ApiException;
    return { status: apiError.getStatus(), detail: apiError.detail };
  };

  it('accepts a valid token: caller jwt:<iss>#<sub> with the mapped scopes', async () => {
    const caller = await verifier.verify(
      await token({ scope: 'openid agentrt:run', scp: ['agentrt:debug', 'other'] }),
    );
    expect(caller).toEqual({
      id: 'jwt:https://idp.test#user-42',
      kind: 'jwt',
      scopes: new Set(['run', 'debug']),
    });
  });

  it('refuses expired, wrongly addressed and forged tokens with 401 naming the check', async () => {
    expect(await refusal(verifier.verify(await token({}, signingKey, '-1m')))).toEqual({
      status: 401,
      detail: 'Bearer token rejected: it has expired',
    });
    const wrongAudience = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setIssuer(ISSUER)
      .setAudience('someone-else')
      .setSubject('user-42')
      .setExpirationTime('5m')
      .sign(signingKey);
    expect(await refusal(verifier.verify(wrongAudience))).toMatchObject({
      status: 401,
      detail: expect.stringContaining('claim "aud" check failed'),
    });
    expect(await refusal(verifier.verify(await token({}, otherKey)))).toEqual({
      status: 401,
      detail: 'Bearer token rejected: invalid signature',
    });
    expect(await refusal(verifier.verify('e30.e30.'))).toMatchObject({ status: 401 });
  });

  it('answers 503 when the JWKS cannot be fetched', async () => {
    const unreachable = new OidcVerifier({
      jwksUrl: 'http://127.0.0.1:1/jwks',
      jwksTimeoutMs: 1_000,
    });
    expect(await refusal(unreachable.verify(await token({})))).toMatchObject({ status: 503 });
  });
});

describe('scopesOf', () => {
  it('reads space-separated scope and scp (array or string), ignoring other values', () => {
    expect(scopesOf({ scope: 'agentrt:admin email' })).toEqual(new Set(['admin']));
    expect(scopesOf({ scp: 'agentrt:run agentrt:debug' })).toEqual(new Set(['run', 'debug']));
    expect(scopesOf({ scp: ['agentrt:run', 7], scope: 42 })).toEqual(new Set(['run']));
    expect(scopesOf({})).toEqual(new Set());
  });
});
