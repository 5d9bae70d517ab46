import { z } from 'zod';
import { isoTimestamp } from '../common/lenient-input';

/**
 * One container of a runtime as the backend reports it (`container_statuses[]`). Kept loose:
 * each backend adds what it knows, and the point is to show a user why a start hangs.
 */
export const ContainerStatusSchema = z.looseObject({
  name: z.string(),
  /** `waiting`, `running` or `terminated` on Kubernetes; the engine's state on docker. */
  state: z.string(),
  ready: z.boolean().optional(),
  restart_count: z.number().int().nonnegative().optional(),
  /** Why the container is in that state, e.g. `ImagePullBackOff`, `OOMKilled`. */
  reason: z.string().optional(),
  message: z.string().optional(),
  exit_code: z.number().int().nullable().optional(),
});
export type ContainerStatus = z.infer<typeof ContainerStatusSchema>;

/** One backend event about a runtime (`events[]`), e.g. a failed image pull or scheduling. */
export const RuntimeDiagnosticEventSchema = z.looseObject({
  /** `Normal` or `Warning` on Kubernetes; backends without event types use `Normal`. */
  type: z.string(),
  reason: z.string(),
  message: z.string(),
  timestamp: isoTimestamp().optional(),
  count: z.number().int().positive().optional(),
});
export type RuntimeDiagnosticEvent = z.infer<typeof RuntimeDiagnosticEventSchema>;
