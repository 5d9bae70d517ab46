import { REDIS_CLIENT, RedisModule } from '@agentrt/redis';
import { Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type Redis from 'ioredis';
import { AgentStore } from './agent-store';
import { ApiKeyStore } from './api-key-store';
import { GatewayStateModule } from './gateway-state.module';
import { RateLimiter } from './rate-limiter';
import { RunLocks } from './run-locks';
import { RunStore } from './run-store';

const STORES = [AgentStore, RunStore, RunLocks, ApiKeyStore, RateLimiter];

/** A module that only asks for the stores, as the gateway's feature modules do. */
@Module({
  providers: [
    { provide: 'consumer', useFactory: (...stores: unknown[]) => stores, inject: STORES },
  ],
})
class ConsumerModule {}

describe('GatewayStateModule', () => {
  it('gives every module of the app each store, on the shared Redis connection', async () => {
    const app = await Test.createTestingModule({
      imports: [
        RedisModule.forRoot({
          url: 'redis://127.0.0.1:6379',
          connectionName: 'gw-state-module-spec',
        }),
        GatewayStateModule.forRoot({ retentionSeconds: 60 }),
        ConsumerModule,
      ],
    }).compile();
    try {
      const stores = app.select(ConsumerModule).get<unknown[]>('consumer', { strict: true });
      STORES.forEach((store, i) => expect(stores[i]).toBeInstanceOf(store));
      expect(app.get<Redis>(REDIS_CLIENT).options.connectionName).toBe('gw-state-module-spec');
    } finally {
      await app.close();
    }
  });
});
