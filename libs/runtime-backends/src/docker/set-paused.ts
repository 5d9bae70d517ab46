import type { Container } from 'dockerode';
import { operationError } from './docker-errors';

/**
 * Pauses or unpauses; idempotent. The engine refuses pausing a paused container (409) and
 * unpausing a running one (500), so on refusal the actual state decides whether it failed.
 */
export async function setPaused(
  container: Container,
  paused: boolean,
  context: string,
): Promise<void> {
  try {
    await (paused ? container.pause() : container.unpause());
  } catch (error) {
    const state = await container.inspect().then(
      (info) => info.State,
      () => undefined,
    );
    if (state?.Running && state.Paused === paused) return;
    throw operationError(error, context, 'start_failed');
  }
}
