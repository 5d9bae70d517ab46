import { rm, writeFile } from 'node:fs/promises';
import { CommandWatch } from './command-watch';
import { interruptCommand } from './interrupt';
import type { LiveSession } from './live-session';
import { CommandMarker } from './marker';
import { processesInSession } from './processes';
import type { RunSettings } from './run-settings';
import { SessionLog } from './session-log';
import { shellQuote } from './shell-quote';
import type { TmuxRunOptions, TmuxRunResult } from './tmux.types';

/**
 * Runs `command` in the session's shell. The command goes into a file the shell sources, so it
 * may be any length and span lines (heredocs included) and still cannot swallow the marker
 * trailer that follows it on the typed line; sourcing keeps `cd` and `export` in the shell.
 */
export async function runCommand(
  session: LiveSession,
  command: string,
  options: TmuxRunOptions,
  settings: RunSettings,
): Promise<TmuxRunResult> {
  options.signal?.throwIfAborted();
  const log = await SessionLog.openEmpty(session.files.log);
  try {
    const marker = new CommandMarker();
    const watch = new CommandWatch(session, log, marker, settings);
    const before = new Set((await processesInSession(session.shellPid)).map(({ pid }) => pid));
    await writeFile(session.files.script, `${command}\n`, { mode: 0o600 });
    await session.typeLine(
      ` builtin source ${shellQuote(session.files.script)}; ${marker.trailer(0)}`,
    );
    const deadline = settings.clock() + options.timeoutMs;
    const outcome = await watch.waitFor(0, deadline, options.signal);
    if (outcome === 'marker' || outcome === 'dead') return watch.result(false);
    await interruptCommand(session, watch, marker, before, settings);
    options.signal?.throwIfAborted();
    return watch.result(true);
  } finally {
    await log.close();
    await rm(session.files.script, { force: true });
  }
}
