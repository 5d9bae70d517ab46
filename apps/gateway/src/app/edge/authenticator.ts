import { ApiException, apiKeyIdOf, matchingKeyHash } from '@agentrt/platform';
import { Logger } from '@nestjs/common';
import type { ApiKeyStore } from '@agentrt/gateway-state';
import { ANONYMOUS, type Caller } from './caller';
import { type Credential } from './credentials';
import type { ConfiguredApiKey } from './edge-config';
import type { OidcVerifier } from './oidc-verifier';

/** The three credential sources; the OIDC verifier is absent when OIDC is off. */
export interface CredentialSources {
  configuredKeys: readonly ConfiguredApiKey[];
  keyStore: Pick<ApiKeyStore, 'find'>;
  oidc?: Pick<OidcVerifier, 'verify'>;
}

/** Turns a presented credential into a caller, or refuses it (401, or 503 when it cannot tell). */
export class Authenticator {
  private readonly logger = new Logger('Authentication');
  private readonly hashes: readonly string[];

  constructor(private readonly sources: CredentialSources) {
    this.hashes = sources.configuredKeys.map((key) => key.hash);
  }

  async authenticate(credential: Credential): Promise<Caller> {
    switch (credential.kind) {
      case 'none':
        return ANONYMOUS;
      case 'api-key':
        return this.apiKeyCaller(credential.key);
      case 'jwt':
        if (!this.sources.oidc) {
          throw new ApiException(401, 'Bearer token rejected: OIDC is not enabled on this gateway');
        }
        return this.sources.oidc.verify(credential.token);
    }
  }

  /** Configured keys first (no Redis needed), then keys created on the admin port. */
  private async apiKeyCaller(key: string): Promise<Caller> {
    const hash = matchingKeyHash(key, this.hashes);
    const configured = this.sources.configuredKeys.find((entry) => entry.hash === hash);
    if (hash !== undefined && configured) {
      return { id: apiKeyIdOf(hash), kind: 'api-key', scopes: configured.scopes };
    }
    const stored = await this.storedKey(key);
    if (!stored) throw new ApiException(401, 'Invalid API key', 'unauthorized');
    return { id: stored.id, kind: 'api-key', scopes: new Set(stored.scopes) };
  }

  private async storedKey(key: string) {
    try {
      return await this.sources.keyStore.find(key);
    } catch (error) {
      // Fail closed: unlike rate limits, admitting an unverifiable key would be a breach.
      this.logger.warn({ err: String(error) }, 'API key store unavailable');
      throw new ApiException(
        503,
        'Cannot check the API key right now: the key store is unavailable',
        'service_unavailable',
        {},
        { 'retry-after': '5' },
      );
    }
  }
}
