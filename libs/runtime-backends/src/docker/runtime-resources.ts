import type Dockerode from 'dockerode';
import { mkdir, rm } from 'node:fs/promises';
import { LABELS, MANAGED_BY } from '../labels';
import { bindSource } from './create-options';
import type { ResolvedDockerOptions } from './docker-options';
import { isNotFound } from './docker-errors';
import { containerName, volumeName } from './names';
import { demuxToText } from './log-demux';

/** Creates the runtime's workspace (a labelled named volume, or a directory under the bind root). */
export async function prepareWorkspace(
  docker: Dockerode,
  options: ResolvedDockerOptions,
  runtimeId: string,
): Promise<void> {
  if (options.workspace.kind === 'bind') {
    await mkdir(bindSource(options.workspace.root, runtimeId), { recursive: true });
    return;
  }
  await docker.createVolume({
    Name: volumeName(runtimeId),
    Labels: {
      [LABELS.managedBy]: MANAGED_BY,
      [LABELS.owner]: options.owner,
      [LABELS.runtimeId]: runtimeId,
    },
  });
}

/** Removes a runtime's container and workspace; anything already gone counts as removed. */
export async function removeRuntime(
  docker: Dockerode,
  options: ResolvedDockerOptions,
  runtimeId: string,
): Promise<void> {
  await ignoreNotFound(
    docker.getContainer(containerName(runtimeId)).remove({ force: true, v: true }),
  );
  if (options.workspace.kind === 'volume') {
    await ignoreNotFound(docker.getVolume(volumeName(runtimeId)).remove());
  } else {
    await rm(bindSource(options.workspace.root, runtimeId), { recursive: true, force: true });
  }
}

async function ignoreNotFound(operation: Promise<unknown>): Promise<void> {
  try {
    await operation;
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
}

/** The last lines of a container's output (stdout and stderr interleaved); '' when it is gone. */
export async function logsTail(docker: Dockerode, runtimeId: string, lines = 50): Promise<string> {
  try {
    const buffer = await docker
      .getContainer(containerName(runtimeId))
      .logs({ stdout: true, stderr: true, tail: lines, follow: false });
    return demuxToText(buffer);
  } catch (error) {
    if (isNotFound(error)) return '';
    throw error;
  }
}
