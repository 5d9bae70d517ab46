import type { GatewayScope } from '@agentrt/contracts';
import { ApiException } from '@agentrt/platform';
import { Logger } from '@nestjs/common';
import { type JWTPayload, createRemoteJWKSet, errors, jwtVerify } from 'jose';
import type { Caller } from './caller';

export interface OidcOptions {
  jwksUrl: string;
  /** Required `iss`, when set. */
  issuer?: string;
  /** Accepted `aud` values, when set. */
  audience?: readonly string[];
  /** How long a JWKS fetch may take before the request gets 503. */
  jwksTimeoutMs?: number;
}

/** Claim values that grant a gateway scope; anything else in `scope`/`scp` is ignored. */
const SCOPE_CLAIMS: Readonly<Record<string, GatewayScope>> = {
  'agentrt:run': 'run',
  'agentrt:debug': 'debug',
  'agentrt:admin': 'admin',
};

/**
 * Verifies OIDC access tokens (JWS) against the provider's JWKS. jose caches the key set and
 * refetches it when a token names an unknown `kid` (key rotation), at most every 30 s.
 */
export class OidcVerifier {
  private readonly jwks: ReturnType<typeof createRemoteJWKSet>;
  private readonly logger = new Logger('Oidc');

  constructor(private readonly options: OidcOptions) {
    this.jwks = createRemoteJWKSet(new URL(options.jwksUrl), {
      timeoutDuration: options.jwksTimeoutMs ?? 5_000,
    });
  }

  async verify(token: string): Promise<Caller> {
    const { issuer, audience } = this.options;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.jwks, {
        issuer,
        audience: audience ? [...audience] : undefined,
      }));
    } catch (error) {
      const refusal = tokenRefusal(error);
      if (refusal.getStatus() === 503) {
        this.logger.warn({ err: String(error), jwks_url: this.options.jwksUrl }, 'JWKS unusable');
      }
      throw refusal;
    }
    if (!payload.iss || !payload.sub) {
      throw new ApiException(401, 'Bearer token rejected: it has no "iss" or no "sub" claim');
    }
    return { id: `jwt:${payload.iss}#${payload.sub}`, kind: 'jwt', scopes: scopesOf(payload) };
  }
}

/** `scope` (space-separated, RFC 8693) and `scp` (array or string, Okta/Azure) both count. */
export function scopesOf(payload: JWTPayload): ReadonlySet<GatewayScope> {
  const values = [payload['scope'], payload['scp']].flatMap((claim) =>
    typeof claim === 'string' ? claim.split(' ') : Array.isArray(claim) ? claim : [],
  );
  return new Set(
    values.flatMap((value) => (typeof value === 'string' && SCOPE_CLAIMS[value]) || []),
  );
}

/** Says which check failed; only an unreachable JWKS is the server's problem (503). */
function tokenRefusal(error: unknown): ApiException {
  const reject = (why: string) => new ApiException(401, `Bearer token rejected: ${why}`);
  if (error instanceof errors.JWTExpired) return reject('it has expired');
  if (error instanceof errors.JWTClaimValidationFailed) {
    return reject(`claim "${error.claim}" check failed (${error.reason}): ${error.message}`);
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return reject('invalid signature');
  if (error instanceof errors.JWKSNoMatchingKey) return reject('no key of the issuer matches it');
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
    return reject('its algorithm is not accepted');
  }
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) {
    return reject(`malformed token (${error.message})`);
  }
  return new ApiException(
    503,
    'Cannot verify bearer tokens right now: the OIDC key set (JWKS) is unreachable',
    'service_unavailable',
    {},
    { 'retry-after': '5' },
  );
}
