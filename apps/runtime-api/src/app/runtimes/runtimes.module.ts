import { Module } from '@nestjs/common';
import { RuntimeMetrics } from '../metrics/runtime-metrics';
import { WarmPools } from '../pools/warm-pools.service';
import { IdleReaper } from '../reaper/idle-reaper.service';
import { RuntimeReconciler } from '../reconcile/runtime-reconciler.service';
import { AgentServerClient } from './agent-server.client';
import { RuntimeLauncher } from './runtime-launcher';
import { RuntimeLifecycle } from './runtime-lifecycle.service';
import { RuntimeQueries } from './runtime-query.service';
import { RuntimesController } from './runtimes.controller';
import { StartLimits } from './start-limits';

/** The runtime lifecycle: routes, warm pools, the idle reaper and restart reconciliation. */
@Module({
  controllers: [RuntimesController],
  providers: [
    AgentServerClient,
    RuntimeLauncher,
    RuntimeLifecycle,
    RuntimeQueries,
    StartLimits,
    WarmPools,
    IdleReaper,
    RuntimeReconciler,
    RuntimeMetrics,
  ],
  exports: [RuntimeQueries, RuntimeLifecycle, IdleReaper, RuntimeReconciler],
})
export class RuntimesModule {}
