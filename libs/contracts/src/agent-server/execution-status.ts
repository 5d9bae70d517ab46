import { z } from 'zod';

/**
 * `execution_status` of a conversation. `waiting_for_confirmation` means an action is pending
 * under `AlwaysConfirm`; `stuck` means stuck detection ended the run.
 */
export const ExecutionStatusSchema = z
  .enum([
    'idle',
    'running',
    'paused',
    'waiting_for_confirmation',
    'finished',
    'error',
    'stuck',
    'deleting',
  ])
  .meta({ id: 'ExecutionStatus' });
export type ExecutionStatus = z.infer<typeof ExecutionStatusSchema>;
