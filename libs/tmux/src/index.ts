/** @agentrt/tmux: persistent shells and programs in tmux sessions on a private socket. */
export * from './tmux.types';
export * from './tmux-error';
export * from './tmux.service';
export { shellQuote } from './shell-quote';
export { cleanTerminalOutput } from './terminal-text';
