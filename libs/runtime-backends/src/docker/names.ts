/** Container name of a runtime; unique per runtime id, so a second start of one id conflicts. */
export function containerName(runtimeId: string): string {
  return `agentrt-${runtimeId}`;
}

/** Named workspace volume of a runtime (volume mode). */
export function volumeName(runtimeId: string): string {
  return `agentrt-ws-${runtimeId}`;
}

/**
 * Docker-only label listing the container ports, so `list` can rebuild endpoints of runtimes on
 * the host network (where the engine reports no port mappings).
 */
export const PORTS_LABEL = 'org.agentrt.ports';

/** `docker exec -it <container> tmux attach -t <session>`: what a person runs to attach. */
export function attachArgv(container: string, tmuxSession: string): string[] {
  return ['docker', 'exec', '-it', container, 'tmux', 'attach', '-t', tmuxSession];
}
