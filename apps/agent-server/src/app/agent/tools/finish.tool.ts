import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import type { AgentTool, ToolOutcome } from './agent-tool';

export const FinishArgsSchema = z.object({
  message: z.string().describe('The final message to the user: what was done and what is left.'),
});
export type FinishArgs = z.infer<typeof FinishArgsSchema>;

const FINISH_DESCRIPTION = `Ends the task. Call it when the task is done, or when it cannot go on (say why).
The message should summarise what was done and its results, anything left for the user, and any question you need answered.`;

/**
 * The OpenHands `finish` tool: the run ends as `finished` after it. Its observation carries no
 * fields of its own (the SDK's FinishObservation forbids any); the message is in the action and,
 * as the LLM text, in the observation's `content`.
 */
@Injectable()
export class FinishTool implements AgentTool<FinishArgs> {
  readonly name = 'finish';
  readonly aliases = ['FinishTool', 'finish'];
  readonly description = FINISH_DESCRIPTION;
  readonly parameters = FinishArgsSchema;
  readonly actionKind = 'FinishAction';

  execute(args: FinishArgs): Promise<ToolOutcome> {
    return Promise.resolve({
      observation: { kind: 'FinishObservation' },
      text: args.message,
      isError: false,
      finished: true,
    });
  }
}
