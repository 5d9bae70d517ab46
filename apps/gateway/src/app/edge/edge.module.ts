import { ApiKeyStore } from '@agentrt/gateway-state';
import { Logger, Module } from '@nestjs/common';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config';
import { Authenticator } from './authenticator';
import { OidcVerifier } from './oidc-verifier';

function authenticatorFor(config: GatewayConfig, keyStore: ApiKeyStore): Authenticator {
  const oidc = config.OIDC_JWKS_URL
    ? new OidcVerifier({
        jwksUrl: config.OIDC_JWKS_URL,
        issuer: config.OIDC_ISSUER,
        audience: config.OIDC_AUDIENCE,
      })
    : undefined;
  if (!oidc && config.GATEWAY_API_KEYS.length === 0) {
    new Logger('Authentication').warn(
      'neither GATEWAY_API_KEYS nor OIDC_JWKS_URL is set: only keys created on the admin port can authenticate, and creating one needs an admin credential',
    );
  }
  return new Authenticator({ configuredKeys: config.GATEWAY_API_KEYS, keyStore, oidc });
}

/**
 * Credentials, for the public app and the admin app alike (each has its own); the key store and
 * the rate limiter come from GatewayStateModule.
 */
@Module({
  providers: [
    {
      provide: Authenticator,
      useFactory: authenticatorFor,
      inject: [GATEWAY_CONFIG, ApiKeyStore],
    },
  ],
  exports: [Authenticator],
})
export class EdgeModule {}
