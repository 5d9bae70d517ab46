import { BuildsClient, GatewayClient, type RetryOptions, RuntimeApiClient } from '@agentrt/client';
import type { CommandContext } from '../command';
import { gatewayAdminOf, gatewayOf, runtimeApiOf } from '../requirements';

/** With AGENTRT_DEBUG, each retry is told on stderr (the call and why; never a header). */
function retries(context: CommandContext): RetryOptions {
  if (!context.config.debug) return {};
  return {
    onRetry: (retry) =>
      context.out.note(
        `[debug] retry ${retry.retry} of ${retry.method} ${retry.url} in ${retry.delayMs} ms: ${retry.reason}`,
      ),
  };
}

/** The clients the commands use, configured from the environment. */
export function runtimeClient(context: CommandContext): RuntimeApiClient {
  const { url, apiKey } = runtimeApiOf(context.config);
  return new RuntimeApiClient({ baseUrl: url, apiKey, ...retries(context) });
}

export function buildsClient(context: CommandContext): BuildsClient {
  const { url, apiKey } = runtimeApiOf(context.config);
  return new BuildsClient({ baseUrl: url, apiKey, ...retries(context) });
}

/** The gateway's public port (agent runs); a gateway without keys takes no key. */
export function gatewayClient(context: CommandContext): GatewayClient {
  const { url, apiKey } = gatewayOf(context.config);
  return new GatewayClient({ baseUrl: url, apiKey: apiKey ?? '', ...retries(context) });
}

/** The gateway's admin port (agent definitions); AGENTRT_API_KEY needs the admin scope. */
export function agentsAdmin(context: CommandContext): GatewayClient['agents'] {
  const { url, apiKey } = gatewayAdminOf(context.config);
  return new GatewayClient({
    baseUrl: url,
    adminUrl: url,
    apiKey: apiKey ?? '',
    ...retries(context),
  }).agents;
}
