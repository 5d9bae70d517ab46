import { z } from 'zod';
import type { AgentTool, ToolContext } from '../tools/agent-tool';

/** A tool that echoes `text` back, recording each call and its context. */
export class EchoTool implements AgentTool<{ text: string; loud: boolean }> {
  readonly name = 'echo';
  readonly aliases = ['EchoTool'];
  readonly description = 'Echoes text';
  readonly parameters = z.object({ text: z.string(), loud: z.boolean().default(false) });
  readonly actionKind = 'EchoAction';
  readonly calls: { args: { text: string; loud: boolean }; context: ToolContext }[] = [];
  readonly released: string[] = [];

  execute(args: { text: string; loud: boolean }, context: ToolContext) {
    this.calls.push({ args, context });
    if (args.text === 'explode') return Promise.reject(new Error('echo exploded'));
    const text = args.loud ? args.text.toUpperCase() : args.text;
    return Promise.resolve({
      observation: { kind: 'EchoObservation', echoed: text },
      text: `echo: ${text}`,
      isError: false,
    });
  }

  release(conversationId: string): Promise<void> {
    this.released.push(conversationId);
    return Promise.resolve();
  }
}

/** The built-in `finish` tool: ends the run with its message. */
export class FinishTool implements AgentTool<{ message: string }> {
  readonly name = 'finish';
  readonly aliases = ['FinishTool'];
  readonly description = 'Finishes the task';
  readonly parameters = z.object({ message: z.string() });
  readonly actionKind = 'FinishAction';

  execute(args: { message: string }) {
    return Promise.resolve({
      observation: { kind: 'FinishObservation', message: args.message },
      text: args.message,
      isError: false,
      finished: true,
    });
  }
}

/** A tool no conversation in the tests asks for; it must never reach the LLM. */
export class UnrequestedTool implements AgentTool<Record<string, never>> {
  readonly name = 'browser';
  readonly aliases = ['BrowserToolSet'];
  readonly description = 'Browses';
  readonly parameters = z.object({});
  readonly actionKind = 'BrowserAction';

  execute(): Promise<never> {
    return Promise.reject(new Error('the unrequested tool was called'));
  }
}
