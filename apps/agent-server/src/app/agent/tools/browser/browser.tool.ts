import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { AGENT_SERVER_CONFIG, type AgentServerConfig } from '../../../config/agent-server.config';
import type { AgentTool, ToolContext, ToolOutcome } from '../agent-tool';
import { BROWSER_DESCRIPTION, type BrowserArgs, BrowserArgsSchema } from './browser-args';
import type { BrowserBackend } from './browser-backend';
import { createBrowserBackend } from './browser-backends';
import { commandOf } from './browser-command';
import { browserFailure, browserOutcome } from './browser-observation';

/**
 * The `browser` tool: open, read, click and type into web pages, one browsing session per
 * conversation. Chromium (driven by playwright-core) when installed, plain fetches when not.
 */
@Injectable()
export class BrowserTool implements AgentTool<BrowserArgs>, OnApplicationShutdown {
  readonly name = 'browser';
  readonly aliases = ['BrowserToolSet', 'BrowserTool', 'browser'];
  readonly description = BROWSER_DESCRIPTION;
  readonly parameters = BrowserArgsSchema;
  readonly actionKind = 'BrowserAction';
  private readonly backend: BrowserBackend;

  constructor(@Inject(AGENT_SERVER_CONFIG) private readonly config: AgentServerConfig) {
    this.backend = createBrowserBackend(config);
    new Logger(BrowserTool.name).log(
      this.backend.engine === 'chromium'
        ? 'browser tool: pages are opened in Chromium'
        : 'browser tool: no Chromium, pages are fetched and converted to text',
    );
  }

  async execute(args: BrowserArgs, context: ToolContext): Promise<ToolOutcome> {
    const command = commandOf(args);
    if ('error' in command) return browserFailure(args, command.error);
    try {
      const page = await this.backend.run(context.conversationId, command, context.signal);
      return browserOutcome(args, page, this.backend.engine, this.config.BROWSER_OUTPUT_LIMIT);
    } catch (error) {
      // Pages that do not load and elements that cannot be used are the agent's to handle.
      return browserFailure(args, reasonOf(error));
    }
  }

  release(conversationId: string): Promise<void> {
    return this.backend.release(conversationId);
  }

  onApplicationShutdown(): Promise<void> {
    return this.backend.dispose();
  }
}

/** The first line of an error: playwright appends a call log the agent has no use for. */
function reasonOf(error: unknown): string {
  const first = messageOf(error).split('\n')[0] ?? '';
  // fetch() says only "fetch failed"; why (ECONNREFUSED, a DNS failure) is in its cause.
  const cause = typeof error === 'object' && error && 'cause' in error ? error.cause : undefined;
  return cause ? `${first} (${messageOf(cause)})` : first;
}

/** Not `instanceof Error`: errors from Node's own fetch may come from another realm. */
function messageOf(error: unknown): string {
  const message = typeof error === 'object' && error && 'message' in error ? error.message : error;
  return String(message);
}
