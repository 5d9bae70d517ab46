/** Ownership labels on every resource a backend creates. */
export const LABELS = {
  managedBy: 'org.agentrt.managed-by',
  /** Which deployment (or test run) owns it; isolates deployments sharing one engine/cluster. */
  owner: 'org.agentrt.owner',
  runtimeId: 'org.agentrt.runtime-id',
  sessionId: 'org.agentrt.session-id',
  createdAt: 'org.agentrt.created-at',
} as const;

export const MANAGED_BY = 'agentrt';

/** The labels a backend puts on a runtime's resources. */
export function ownershipLabels(
  owner: string,
  runtimeId: string,
  sessionId: string,
  createdAt: Date,
): Record<string, string> {
  return {
    [LABELS.managedBy]: MANAGED_BY,
    [LABELS.owner]: owner,
    [LABELS.runtimeId]: runtimeId,
    [LABELS.sessionId]: sessionId,
    [LABELS.createdAt]: createdAt.toISOString(),
  };
}
