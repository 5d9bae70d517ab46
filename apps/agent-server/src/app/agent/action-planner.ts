import { type ActionEvent, SecurityRiskSchema, type SecurityRisk } from '@agentrt/contracts';
import { z } from 'zod';
import type { NewEvent } from './agent-runner';
import type { LlmResponse, LlmToolCall } from './llm/llm-client';
import type { SecurityAnalyzer } from './security/security-analyzer';
import type { AgentTool } from './tools/agent-tool';

/** An ActionEvent to emit, with what to run it with, or why it cannot run. */
export type PlannedAction =
  | { event: NewActionEvent; tool: AgentTool; args: unknown; error?: undefined }
  | { event: NewActionEvent; error: string; tool?: undefined };

export type NewActionEvent = Extract<NewEvent, { kind: 'ActionEvent' }>;

/**
 * One ActionEvent per tool call of an LLM response. A call naming no known tool, or whose
 * arguments are not JSON or do not validate, gets `action: null` and an error the LLM reads
 * next step, as in the OpenHands SDK. The response's text is the first action's thought. Each
 * valid action is rated by `analyzer`, which also weighs the LLM's own `security_risk`.
 */
export function planActions(
  response: LlmResponse,
  tools: readonly AgentTool[],
  analyzer: SecurityAnalyzer,
): PlannedAction[] {
  return response.toolCalls.map((call, index) => {
    const thought =
      index === 0 && response.text ? [{ type: 'text' as const, text: response.text }] : [];
    const base = {
      kind: 'ActionEvent' as const,
      source: 'agent' as const,
      tool_name: call.name,
      tool_call_id: call.id,
      thought,
      tool_call: { id: call.id, name: call.name, arguments: call.argumentsJson },
      llm_response_id: response.responseId || undefined,
    };
    const parsed = parseCall(call, tools);
    if ('error' in parsed)
      return {
        event: { ...base, action: null, security_risk: 'UNKNOWN' as const },
        error: parsed.error,
      };
    const action = { kind: parsed.tool.actionKind, ...toRecord(parsed.args) };
    const risk = analyzer.rate(parsed.tool.name, parsed.args, parsed.risk);
    const event = { ...base, action, security_risk: risk };
    return { event, tool: parsed.tool, args: parsed.args };
  });
}

type ParsedCall = { tool: AgentTool; args: unknown; risk: SecurityRisk } | { error: string };

function parseCall(call: LlmToolCall, tools: readonly AgentTool[]): ParsedCall {
  const tool = tools.find((candidate) => candidate.name === call.name);
  if (!tool) {
    const names = tools.map((candidate) => candidate.name).join(', ');
    return { error: `Tool "${call.name}" does not exist. Available tools: ${names}` };
  }
  let raw: unknown;
  try {
    raw = call.argumentsJson.trim() === '' ? {} : JSON.parse(call.argumentsJson);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { error: `The arguments for tool "${call.name}" are not valid JSON: ${reason}` };
  }
  const { risk, args } = takeSecurityRisk(raw);
  const result = tool.parameters.safeParse(args);
  if (!result.success)
    return {
      error: `Invalid arguments for tool "${call.name}":\n${z.prettifyError(result.error)}`,
    };
  return { tool, args: result.data, risk };
}

/** Re-validates a stored action's arguments, e.g. one accepted after confirmation. */
export function argsOfAction(action: ActionEvent, tool: AgentTool): ParsedCall {
  const result = tool.parameters.safeParse(actionArgs(action));
  if (!result.success)
    return {
      error: `Invalid arguments for tool "${tool.name}":\n${z.prettifyError(result.error)}`,
    };
  return { tool, args: result.data, risk: action.security_risk };
}

/** A stored action's arguments: its payload without the `kind` tag. */
export function actionArgs(action: ActionEvent): Record<string, unknown> {
  const entries = Object.entries(action.action ?? {}).filter(([key]) => key !== 'kind');
  return Object.fromEntries(entries);
}

/** The SDK lets the LLM rate an action's risk in a `security_risk` argument; it is not the tool's. */
function takeSecurityRisk(raw: unknown): { risk: SecurityRisk; args: unknown } {
  if (typeof raw !== 'object' || raw === null || !('security_risk' in raw))
    return { risk: 'UNKNOWN', args: raw };
  const { security_risk: risk, ...args } = raw as Record<string, unknown>;
  const parsed = SecurityRiskSchema.safeParse(typeof risk === 'string' ? risk.toUpperCase() : risk);
  return { risk: parsed.success ? parsed.data : 'UNKNOWN', args };
}

function toRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
