import type { CommandWatch } from './command-watch';
import type { LiveSession } from './live-session';
import type { CommandMarker } from './marker';
import { pause } from './pause';
import { killProcesses, processesInSession, shellInForeground } from './processes';
import type { RunSettings } from './run-settings';
import { isGone } from './tmux-error';

/**
 * Stops a command that overran: Ctrl-C first (what a person would do), then, once the shell has
 * the terminal back or the grace period is over, SIGKILL for every process the command started
 * that is still alive, background jobs included (`before` holds the pids that predate it, so
 * servers started by earlier commands survive). Bash drops the rest of an interrupted command
 * line, marker included, so a probe asks the shell for a fresh marker to prove it is usable.
 */
export async function interruptCommand(
  session: LiveSession,
  watch: CommandWatch,
  marker: CommandMarker,
  before: ReadonlySet<number>,
  settings: RunSettings,
): Promise<void> {
  if (!(await sendInterrupt(session))) return;
  await settle(session, watch, settings);
  const started = await processesInSession(session.shellPid);
  killProcesses(
    started.map(({ pid }) => pid).filter((pid) => pid !== session.shellPid && !before.has(pid)),
  );
  if (watch.scanner.first()) return;
  await session.typeLine(` ${marker.trailer(1)}`);
  await watch.waitFor(1, settings.clock() + settings.probeTimeoutMs);
}

async function sendInterrupt(session: LiveSession): Promise<boolean> {
  try {
    await session.sendKey('C-c');
    return true;
  } catch (error) {
    if (isGone(error)) return false;
    throw error;
  }
}

async function settle(session: LiveSession, watch: CommandWatch, settings: RunSettings) {
  const until = settings.clock() + settings.interruptGraceMs;
  while (settings.clock() < until) {
    await watch.pump();
    if (watch.scanner.first() || (await shellInForeground(session.shellPid))) return;
    await pause(settings.pollIntervalMs);
  }
}
