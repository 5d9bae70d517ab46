import { execFileSync } from 'node:child_process';

/** Ids of every container (running or not) carrying this deployment's owner label. */
export function labelledContainers(owner: string): string[] {
  const out = execFileSync(
    'docker',
    ['ps', '-aq', '--filter', `label=org.agentrt.owner=${owner}`],
    { encoding: 'utf8' },
  );
  return out.split('\n').filter(Boolean);
}

/** Named volumes carrying this deployment's owner label. */
export function labelledVolumes(owner: string): string[] {
  const out = execFileSync(
    'docker',
    ['volume', 'ls', '-q', '--filter', `label=org.agentrt.owner=${owner}`],
    { encoding: 'utf8' },
  );
  return out.split('\n').filter(Boolean);
}

/** Removes whatever a failed test left behind under this owner label. */
export function removeLabelled(owner: string): void {
  const containers = labelledContainers(owner);
  if (containers.length > 0) execFileSync('docker', ['rm', '-fv', ...containers]);
  const volumes = labelledVolumes(owner);
  if (volumes.length > 0) execFileSync('docker', ['volume', 'rm', '-f', ...volumes]);
}
