import { z } from 'zod';
import { EventSchema } from '../agent-server/event';
import {
  ActionEventSchema,
  AgentErrorEventSchema,
  ObservationEventSchema,
  UserRejectObservationSchema,
} from '../agent-server/tool-events';
import { commaSeparatedList, isoTimestamp } from '../common/lenient-input';
import { AgentIdSchema, AgentVersionSchema } from './agent-definition';

/** Where a debug run stands; `paused` means stopped before an action, awaiting a step. */
export const DebugRunStatusSchema = z.enum([
  'starting',
  'paused',
  'running',
  'finished',
  'stopped',
  'error',
]);
export type DebugRunStatus = z.infer<typeof DebugRunStatusSchema>;

/**
 * The state of a debug run, as `X-DEBUG-READ` answers it. Kept in Redis so any gateway replica
 * can serve the next step.
 */
export const DebugRunStateSchema = z
  .object({
    run_id: z.string().min(1),
    agent_id: AgentIdSchema,
    agent_version: AgentVersionSchema,
    runtime_id: z.string().min(1),
    conversation_id: z.uuid(),
    status: DebugRunStatusSchema,
    /** The action the agent wants to take next; a step runs it, a skip rejects it. */
    pending_action: ActionEventSchema.nullable(),
    last_observation: z
      .discriminatedUnion('kind', [
        ObservationEventSchema,
        UserRejectObservationSchema,
        AgentErrorEventSchema,
      ])
      .nullable(),
    history: z.array(EventSchema),
    steps: z.number().int().nonnegative(),
    updated_at: isoTimestamp(),
  })
  .meta({ id: 'DebugRunState' });
export type DebugRunState = z.infer<typeof DebugRunStateSchema>;

/** Body of an `X-DEBUG-INJ` request: a message for the agent, or new input for the pending action. */
export const DebugInjectRequestSchema = z
  .looseObject({
    message: z.string().min(1).optional(),
    action_input: z.record(z.string(), z.unknown()).optional(),
  })
  .refine((body) => body.message !== undefined || body.action_input !== undefined, {
    error: 'give message or action_input',
  });
export type DebugInjectRequest = z.infer<typeof DebugInjectRequestSchema>;

/** Value of `X-MONITOR-ID`: one run id or several, comma-separated. */
export const MonitorIdsSchema = commaSeparatedList(
  z.array(z.string().min(1)).min(1, { error: 'give at least one run id' }),
);
export type MonitorIds = z.infer<typeof MonitorIdsSchema>;
