import { randomUUID } from 'node:crypto';
import { freePort } from '@agentrt/testing';
import { Deployment } from '../runtime-api/deployment';
import { redisCli } from '../runtime-api/runtime-api.harness';
import { AppProcess } from '../support/app-process';
import { E2E } from '../support/e2e-env';

/**
 * runtime-api on the local backend whose runtime urls point at a gateway (RUNTIME_PUBLIC_URL =
 * the gateway), and that gateway, reading runtime-api's records from Redis. The gateway's port is
 * chosen first so runtime-api can hand out its URL. tearDown removes everything.
 */
export class ProxyStack {
  private constructor(
    readonly runtimeApi: Deployment,
    readonly gateway: AppProcess,
    private readonly gatewayPrefix: string,
  ) {}

  static async start(gatewayEnv: Record<string, string> = {}): Promise<ProxyStack> {
    const port = await freePort();
    const runtimeApi = await Deployment.start({ RUNTIME_PUBLIC_URL: `http://127.0.0.1:${port}` });
    const gatewayPrefix = `gw-proxy-e2e-${randomUUID().slice(0, 8)}`;
    let gateway: AppProcess | undefined;
    try {
      gateway = await AppProcess.start(
        'gateway',
        {
          REDIS_URL: E2E.redisUrl,
          REDIS_KEY_PREFIX: gatewayPrefix,
          RUNTIME_STATE_KEY_PREFIX: runtimeApi.prefix,
          RUNTIME_API_URL: runtimeApi.api.url,
          RUNTIME_API_KEY: runtimeApi.apiKey,
          ADMIN_PORT: String(await freePort()),
          ...gatewayEnv,
        },
        port,
      );
      await gateway.listening();
      return new ProxyStack(runtimeApi, gateway, gatewayPrefix);
    } catch (error) {
      await gateway?.stop();
      await runtimeApi.tearDown();
      throw error;
    }
  }

  async tearDown(): Promise<void> {
    await this.gateway.stop();
    await this.runtimeApi.tearDown();
    const keys = redisCli('--scan', '--pattern', `${this.gatewayPrefix}:*`)
      .split('\n')
      .filter(Boolean);
    for (let i = 0; i < keys.length; i += 100) redisCli('DEL', ...keys.slice(i, i + 100));
  }
}
