import type { ClientConfig } from '@agentrt/client';
import { ConfigError } from './exit-codes';

/** The Runtime API settings a command needs; their absence is a configuration (usage) error. */
export function runtimeApiOf(config: ClientConfig): { url: string; apiKey: string } {
  if (!config.runtimeApi) {
    throw new ConfigError('this command talks to the Runtime API', [
      'RUNTIME_API_URL: required (e.g. http://127.0.0.1:5054)',
      'RUNTIME_API_KEY: required',
    ]);
  }
  return config.runtimeApi;
}

/** The gateway's public URL and key (agent runs). */
export function gatewayOf(config: ClientConfig): { url: string; apiKey?: string } {
  const url = config.gateway?.url;
  if (!url) {
    throw new ConfigError('this command talks to the gateway', [
      'AGENTRT_GATEWAY_URL: required (e.g. http://127.0.0.1:5053)',
    ]);
  }
  return { url, apiKey: config.gateway?.apiKey };
}

/** The gateway's admin port (agent definitions). */
export function gatewayAdminOf(config: ClientConfig): { url: string; apiKey?: string } {
  const url = config.gateway?.adminUrl;
  if (!url) {
    throw new ConfigError("this command talks to the gateway's admin port", [
      'AGENTRT_GATEWAY_ADMIN_URL: required (e.g. http://127.0.0.1:5054)',
    ]);
  }
  return { url, apiKey: config.gateway?.apiKey };
}
