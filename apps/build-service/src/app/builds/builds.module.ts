import { Module } from '@nestjs/common';
import { BuildMetrics } from '../metrics/build-metrics';
import { BuildCancellations } from './build-cancellations';
import { BuildProcessor } from './build.processor';
import { BuildReconciler } from './build-reconciler';
import { BuildRetention } from './build-retention';
import { imagePublisherProvider } from './image-publisher.provider';

/** The build worker: runs build jobs, ends stranded builds, sweeps expired build data. */
@Module({
  providers: [
    imagePublisherProvider,
    BuildCancellations,
    BuildProcessor,
    BuildReconciler,
    BuildRetention,
    BuildMetrics,
  ],
})
export class BuildsModule {}
