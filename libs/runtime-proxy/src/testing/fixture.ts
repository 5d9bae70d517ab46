import { MapResolver } from './map-resolver';
import { ProxyApp, type ProxyAppOptions } from './proxy-app';
import { UpstreamServer } from './upstream-server';

export const RUNTIME_ID = 'rt0123456789';
export const SESSION_KEY = 'session-key-for-tests';
export const WORK_PORT = 8080;

/** One running runtime (agent server + one work host) behind a proxy mounted on a Nest app. */
export interface ProxyFixture {
  agent: UpstreamServer;
  workHost: UpstreamServer;
  resolver: MapResolver;
  app: ProxyApp;
  /** `<proxy>/{runtime_id}`: the runtime's public URL. */
  runtimeUrl: string;
  close(): Promise<void>;
}

export async function startProxyFixture(
  options: ProxyAppOptions = {},
  resolver: MapResolver = new MapResolver(),
): Promise<ProxyFixture> {
  const agent = await UpstreamServer.start('agent');
  const workHost = await UpstreamServer.start('work-host').catch(async (error: unknown) => {
    await agent.close();
    throw error;
  });
  resolver.targets.set(RUNTIME_ID, {
    state: 'running',
    baseUrl: agent.url,
    sessionApiKey: SESSION_KEY,
    ports: { [WORK_PORT]: workHost.url },
  });
  const app = await ProxyApp.start(resolver, options).catch(async (error: unknown) => {
    await Promise.all([agent.close(), workHost.close()]);
    throw error;
  });
  return {
    agent,
    workHost,
    resolver,
    app,
    runtimeUrl: `${app.url}/${RUNTIME_ID}`,
    close: async () => {
      await app.close();
      await Promise.all([agent.close(), workHost.close()]);
    },
  };
}
