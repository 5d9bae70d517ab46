/** An event the test puts on the fake, about one object. */
export interface PodEvent {
  involvedObject: { kind: string; name: string };
  reason: string;
  message: string;
  lastTimestamp: string;
}

/** The EventList the API server answers for a `involvedObject.name=...` field selector. */
export function eventList(
  events: readonly PodEvent[],
  fieldSelector: string,
  namespace: string,
  resourceVersion: string,
): object {
  const items = events
    .filter((e) => fieldSelector.includes(`involvedObject.name=${e.involvedObject.name}`))
    .map((e, i) => ({ ...e, metadata: { name: `event-${i}`, namespace } }));
  return { apiVersion: 'v1', kind: 'EventList', metadata: { resourceVersion }, items };
}
