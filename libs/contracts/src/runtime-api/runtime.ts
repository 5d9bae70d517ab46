import { z } from 'zod';
import { isoTimestamp } from '../common/lenient-input';
import { ResourceFactorSchema } from './resource-factor';
import { ContainerStatusSchema, RuntimeDiagnosticEventSchema } from './runtime-diagnostics';
import { PodStatusSchema, RuntimeStatusSchema } from './statuses';

/**
 * `work_hosts`: public URL (through the runtime proxy) -> container port, for the extra ports a
 * runtime exposes (apps the agent starts).
 */
export const WorkHostsSchema = z.record(z.string(), z.number().int().min(1).max(65_535));
export type WorkHosts = z.infer<typeof WorkHostsSchema>;

/**
 * The runtime object every Runtime API endpoint that returns a runtime answers with, always
 * with all fields: OpenHands clients index into it without checking. `status: running` with
 * `pod_status: ready` means the agent server at `url` already answers `/alive`.
 */
export const RuntimeSchema = z
  .object({
    runtime_id: z.string().min(1),
    session_id: z.string().min(1),
    /** Always the runtime proxy (`http(s)://<proxy>/{runtime_id}`), never a backend address. */
    url: z.url(),
    session_api_key: z.string(),
    status: RuntimeStatusSchema,
    pod_status: PodStatusSchema,
    work_hosts: WorkHostsSchema,
    restart_count: z.number().int().nonnegative(),
    restart_reasons: z.array(z.string()),
    image: z.string().min(1),
    resource_factor: ResourceFactorSchema,
    created_at: isoTimestamp(),
    /** Tail of the agent server's log, when the backend can read it. */
    pod_logs: z.string().optional(),
    container_statuses: z.array(ContainerStatusSchema).optional(),
    events: z.array(RuntimeDiagnosticEventSchema).optional(),
  })
  .meta({ id: 'Runtime' });
export type Runtime = z.infer<typeof RuntimeSchema>;
