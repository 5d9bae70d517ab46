import { z } from 'zod';
import { TextContentSchema } from './content';
import { EventBaseSchema } from './event-base';

/** `security_risk` the agent assigns to an action before it runs. */
export const SecurityRiskSchema = z.enum(['UNKNOWN', 'LOW', 'MEDIUM', 'HIGH']);
export type SecurityRisk = z.infer<typeof SecurityRiskSchema>;

/**
 * A tool's action or observation payload, tagged by its type name in `kind` (e.g.
 * `TerminalAction`, `FileEditorObservation`); the rest depends on the tool.
 */
export const ToolPayloadSchema = z.looseObject({ kind: z.string().min(1) });
export type ToolPayload = z.infer<typeof ToolPayloadSchema>;

/** The LLM's tool call an action came from (`arguments` is the raw JSON string). */
export const ToolCallSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  arguments: z.string(),
});
export type ToolCall = z.infer<typeof ToolCallSchema>;

const toolRef = { tool_name: z.string().min(1), tool_call_id: z.string().min(1) };

/**
 * The agent decided to call a tool. `action` is null when the LLM's arguments did not validate
 * (an AgentErrorEvent follows).
 */
export const ActionEventSchema = EventBaseSchema.extend({
  kind: z.literal('ActionEvent'),
  ...toolRef,
  thought: z.array(TextContentSchema).default([]),
  action: ToolPayloadSchema.nullable().default(null),
  tool_call: ToolCallSchema.optional(),
  /** Shared by the actions of one LLM response (parallel tool calls). */
  llm_response_id: z.string().optional(),
  security_risk: SecurityRiskSchema.default('UNKNOWN'),
}).meta({ id: 'ActionEvent' });
export type ActionEvent = z.infer<typeof ActionEventSchema>;

/** A tool's result for the action `action_id`. */
export const ObservationEventSchema = EventBaseSchema.extend({
  kind: z.literal('ObservationEvent'),
  ...toolRef,
  observation: ToolPayloadSchema,
  action_id: z.uuid(),
}).meta({ id: 'ObservationEvent' });
export type ObservationEvent = z.infer<typeof ObservationEventSchema>;

/** The user rejected the pending action `action_id` (confirmation policy `AlwaysConfirm`). */
export const UserRejectObservationSchema = EventBaseSchema.extend({
  kind: z.literal('UserRejectObservation'),
  ...toolRef,
  action_id: z.uuid(),
  rejection_reason: z.string().default('User rejected the action'),
}).meta({ id: 'UserRejectObservation' });
export type UserRejectObservation = z.infer<typeof UserRejectObservationSchema>;

/** A tool call failed before or while running; the LLM sees `error` as the tool's answer. */
export const AgentErrorEventSchema = EventBaseSchema.extend({
  kind: z.literal('AgentErrorEvent'),
  ...toolRef,
  error: z.string(),
}).meta({ id: 'AgentErrorEvent' });
export type AgentErrorEvent = z.infer<typeof AgentErrorEventSchema>;
