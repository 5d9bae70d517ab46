import type { CommandEntry } from '../command';
import { agentsGroup } from './agents';
import { buildGroup } from './build';
import { runCommand } from './run';
import { runtimeGroup } from './runtime';

/** Every command of `agentrt`, in the order `agentrt --help` lists them. */
export const COMMANDS: readonly CommandEntry[] = [
  runtimeGroup,
  buildGroup,
  runCommand,
  agentsGroup,
];
