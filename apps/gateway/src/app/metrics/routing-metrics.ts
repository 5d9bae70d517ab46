import type { RoutingDecision } from '@agentrt/contracts';
import type { Counter, Metrics } from '@agentrt/platform';

/** The router's decisions by module and reason (the same ones it logs as `routed`). */
export type RoutingDecisionCounter = Counter<'module' | 'reason'>;

export function routingDecisionCounter(metrics: Metrics): RoutingDecisionCounter {
  return metrics.counter<'module' | 'reason'>({
    name: 'agentrt_routing_decisions_total',
    help: 'Requests under /api routed to a gateway module, by module and decision reason',
    labels: ['module', 'reason'],
  });
}

export function countDecision(counter: RoutingDecisionCounter, decision: RoutingDecision): void {
  counter.inc({ module: decision.module, reason: decision.reason });
}
