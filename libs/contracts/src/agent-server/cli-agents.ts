import { z } from 'zod';
import { nullAsMissing, nullishDefault } from '../common/lenient-input';
import { AbsolutePathSchema } from './files';

const NO_NUL = (value: string) => !value.includes('\0');

/**
 * A CLI agent's name: it becomes part of a tmux session name and of URLs, so only letters,
 * digits, `_` and `-`.
 */
export const CliAgentNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,48}$/, { error: 'name must be 1-48 letters, digits, "_" or "-"' });

/**
 * What to run: an argv (`["aider", "--model", "x"]`, executed directly, nothing parsed by a
 * shell) or one command line (`"claude --continue"`, run as the single argument of `bash -c`).
 */
export const CliAgentCommandSchema = z.union([
  z
    .string()
    .min(1, { error: 'command must not be empty' })
    .max(8192)
    .refine(NO_NUL, { error: 'command must not contain NUL bytes' }),
  z
    .array(z.string().max(8192).refine(NO_NUL, { error: 'arguments must not contain NUL bytes' }))
    .min(1, { error: 'command must name a program' })
    .max(256)
    .refine((argv) => (argv[0] ?? '').length > 0, { error: 'the program must not be empty' }),
]);
export type CliAgentCommand = z.infer<typeof CliAgentCommandSchema>;

const EnvNameSchema = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: 'environment names must be shell identifiers' });

/** Body of `POST /api/cli-agents`: start an AI CLI in its own tmux session. */
export const StartCliAgentRequestSchema = z.looseObject({
  name: CliAgentNameSchema,
  command: CliAgentCommandSchema,
  /** Absolute start directory; the workspace when absent. */
  cwd: nullAsMissing(AbsolutePathSchema),
  /** Added to (and overriding) the runtime's environment, e.g. an API key the CLI reads. */
  env: nullishDefault(z.record(EnvNameSchema, z.string().refine(NO_NUL)), {}),
});
export type StartCliAgentRequest = z.infer<typeof StartCliAgentRequestSchema>;

/** A CLI agent as `GET /api/cli-agents` lists it. */
export const CliAgentInfoSchema = z.object({
  name: CliAgentNameSchema,
  command: CliAgentCommandSchema,
  cwd: z.string(),
  /** False once the command exited or its session was killed; `restart` starts it again. */
  alive: z.boolean(),
  /** When the current session started (ISO); a restart sets it anew. */
  created_at: z.string(),
  restarts: z.number().int().min(0),
  /** The tmux session holding it, on the agent server's private socket. */
  session: z.string(),
  /** What a person runs inside the runtime to watch or take over: `tmux -L <socket> attach ...`. */
  attach_command: z.string(),
});
export type CliAgentInfo = z.infer<typeof CliAgentInfoSchema>;

export const CliAgentListSchema = z.array(CliAgentInfoSchema);

/**
 * Body of `POST /api/cli-agents/{name}/send`: `text` is pasted as typed, then (with `enter`)
 * Enter is pressed in a separate step, so a TUI does not take it as part of the paste.
 */
export const SendToCliAgentRequestSchema = z.looseObject({
  text: z.string().max(1024 * 1024),
  enter: nullishDefault(z.boolean(), true),
});
export type SendToCliAgentRequest = z.infer<typeof SendToCliAgentRequestSchema>;

/** Body of `POST /api/cli-agents/{name}/keys`: keys by tmux name, e.g. `["C-c"]`, `["Escape"]`. */
export const SendKeysToCliAgentRequestSchema = z.looseObject({
  keys: z
    .array(z.string().regex(/^[A-Za-z0-9-]{1,32}$/, { error: 'keys must be tmux key names' }))
    .min(1)
    .max(64),
});
export type SendKeysToCliAgentRequest = z.infer<typeof SendKeysToCliAgentRequestSchema>;

/** Query of `GET /api/cli-agents/{name}/capture`: how many of the last lines to return. */
export const CaptureCliAgentQuerySchema = z.object({
  lines: z.coerce.number().int().min(1).max(10_000).default(100),
});
export type CaptureCliAgentQuery = z.infer<typeof CaptureCliAgentQuerySchema>;

/** What `capture` answers: the pane's last `lines` lines (scrollback included), plain text. */
export const CliAgentCaptureSchema = z.object({
  name: CliAgentNameSchema,
  alive: z.boolean(),
  content: z.string(),
});
export type CliAgentCapture = z.infer<typeof CliAgentCaptureSchema>;
