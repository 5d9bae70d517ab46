/** The {@link TmuxService} holding CLI agents' sessions (its own instance on `TMUX_SOCKET`). */
export const CLI_AGENTS_TMUX = Symbol('CLI_AGENTS_TMUX');

/** Session names of CLI agents start with this, apart from the terminal tool's `conv-` ones. */
export const CLI_AGENT_SESSION_PREFIX = 'cli-';
