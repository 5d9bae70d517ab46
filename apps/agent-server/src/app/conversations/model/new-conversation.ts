import type { StartConversationRequest } from '@agentrt/contracts';
import type { StoredConversation } from '../store/stored-conversation';

/** Request fields the OpenHands server keeps on the conversation besides the ones we use. */
const KEPT_EXTRAS = ['stuck_detection_thresholds'] as const;

/** The stored form of a conversation created by `request`, idle and without events. */
export function newConversation(
  request: StartConversationRequest,
  id: string,
  workingDir: string,
  now: string,
): StoredConversation {
  const extras = Object.fromEntries(
    KEPT_EXTRAS.filter((key) => request[key] !== undefined && request[key] !== null).map((key) => [
      key,
      request[key],
    ]),
  );
  return {
    version: 1,
    info: {
      ...extras,
      id,
      agent: request.agent,
      workspace: { ...request.workspace, working_dir: workingDir },
      execution_status: 'idle',
      confirmation_policy: request.confirmation_policy,
      max_iterations: request.max_iterations,
      stuck_detection: request.stuck_detection,
      title: null,
      created_at: now,
      updated_at: now,
      stats: { usage_to_metrics: {} },
    },
    secrets: request.secrets,
  };
}
