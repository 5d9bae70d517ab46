import { z } from 'zod';
import { isoTimestamp } from '../common/lenient-input';

/** Who produced an event. */
export const EventSourceSchema = z.enum(['agent', 'user', 'environment']);
export type EventSource = z.infer<typeof EventSourceSchema>;

/**
 * Fields every agent server event carries. `kind` is the event's type name (the SDK's class
 * name), which is how Python and TypeScript clients pick the type to decode into. Loose, so
 * fields added by newer SDKs survive a round trip through us.
 */
export const EventBaseSchema = z.looseObject({
  kind: z.string().min(1),
  id: z.uuid(),
  timestamp: isoTimestamp(),
  source: EventSourceSchema,
});
export type EventBase = z.infer<typeof EventBaseSchema>;
