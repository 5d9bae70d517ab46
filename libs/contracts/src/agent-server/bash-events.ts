import { z } from 'zod';
import { isoTimestamp } from '../common/lenient-input';
import { pageOf } from './paging';

/** Largest `stdout`/`stderr` chunk in one BashOutput; longer output comes as more chunks. */
export const BASH_OUTPUT_CHUNK_BYTES = 1024 * 1024;

/** `exit_code` reported when a command hit its timeout and its process group was killed. */
export const BASH_TIMEOUT_EXIT_CODE = -1;

const bashEventBase = { id: z.uuid(), timestamp: isoTimestamp() };

/** A command as accepted by `start_bash_command`; its outputs refer to it by `command_id`. */
export const BashCommandSchema = z
  .object({
    kind: z.literal('BashCommand'),
    ...bashEventBase,
    command: z.string(),
    cwd: z.string().nullish(),
    timeout: z.number().int().positive(),
  })
  .meta({ id: 'BashCommand' });
export type BashCommand = z.infer<typeof BashCommandSchema>;

/**
 * One chunk of a command's output, numbered by `order` from 0. `exit_code` is null while the
 * command runs and set on its last chunk.
 */
export const BashOutputSchema = z
  .object({
    kind: z.literal('BashOutput'),
    ...bashEventBase,
    command_id: z.uuid(),
    order: z.number().int().nonnegative(),
    exit_code: z.number().int().nullable(),
    stdout: z.string().nullable(),
    stderr: z.string().nullable(),
  })
  .meta({ id: 'BashOutput' });
export type BashOutput = z.infer<typeof BashOutputSchema>;

/** A command could not be run at all (bad cwd, shell gone). */
export const BashErrorSchema = z.object({
  kind: z.literal('BashError'),
  ...bashEventBase,
  code: z.string().min(1),
  detail: z.string(),
});
export type BashError = z.infer<typeof BashErrorSchema>;

/** Any bash event: what bash search pages hold and `/sockets/bash-events` frames carry. */
export const BashEventSchema = z
  .discriminatedUnion('kind', [BashCommandSchema, BashOutputSchema, BashErrorSchema])
  .meta({ id: 'BashEvent' });
export type BashEvent = z.infer<typeof BashEventSchema>;

/** `kind__eq` values of the bash event search. */
export const BashEventKindSchema = z.enum(['BashCommand', 'BashOutput', 'BashError']);
export type BashEventKind = z.infer<typeof BashEventKindSchema>;

/** Response of `GET /api/bash/bash_events/search`. */
export const BashEventPageSchema = pageOf(BashEventSchema);
export type BashEventPage = z.infer<typeof BashEventPageSchema>;
