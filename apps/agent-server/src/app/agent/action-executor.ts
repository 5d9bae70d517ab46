import type { ActionEvent, Event } from '@agentrt/contracts';
import { argsOfAction } from './action-planner';
import type { NewEvent } from './agent-runner';
import type { AgentTool, ToolContext, ToolOutcome } from './tools/agent-tool';

/** What running an action needs: the run's tools, their context, and the (masking) emitter. */
export interface ActionExecution {
  tools: readonly AgentTool[];
  /** Built per action, so secrets added during a run reach the next command. */
  context(): ToolContext;
  emit(event: NewEvent): Promise<Event>;
}

/**
 * Runs one emitted action and emits its ObservationEvent, or an AgentErrorEvent when the tool is
 * gone, the arguments no longer validate, or the tool throws. `args` are the validated arguments
 * when the action was just planned; a pending action from the history is re-validated instead.
 * Resolves to true when the tool ended the run (`finish`).
 */
export async function executeAction(
  action: ActionEvent,
  execution: ActionExecution,
  args?: unknown,
): Promise<boolean> {
  const tool = execution.tools.find((candidate) => candidate.name === action.tool_name);
  if (!tool) return failed(action, execution, `Tool "${action.tool_name}" is not available`);
  const parsed = args === undefined ? argsOfAction(action, tool) : { args };
  if ('error' in parsed) return failed(action, execution, parsed.error);
  let outcome: ToolOutcome;
  try {
    outcome = await tool.execute(parsed.args, execution.context());
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return failed(action, execution, `Tool "${tool.name}" failed: ${reason}`);
  }
  await execution.emit({
    kind: 'ObservationEvent',
    source: 'environment',
    tool_name: action.tool_name,
    tool_call_id: action.tool_call_id,
    action_id: action.id,
    // `content` holds what the LLM is shown, as in OpenHands observations; history is rebuilt from it.
    observation: {
      ...outcome.observation,
      content: [{ type: 'text', text: outcome.text }],
      is_error: outcome.isError,
    },
  });
  return outcome.finished === true;
}

async function failed(action: ActionEvent, execution: ActionExecution, error: string) {
  await execution.emit(agentError(action, error));
  return false;
}

/** The AgentErrorEvent that answers `action`'s tool call with `error`. */
export function agentError(action: ActionEvent, error: string): NewEvent {
  return {
    kind: 'AgentErrorEvent',
    source: 'agent',
    tool_name: action.tool_name,
    tool_call_id: action.tool_call_id,
    error,
  };
}
