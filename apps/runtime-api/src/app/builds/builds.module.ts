import { Module } from '@nestjs/common';
import { ImagesModule } from '../images/images.module';
import { BuildControlService } from './build-control.service';
import { BuildIntakeService } from './build-intake.service';
import { BuildsController } from './builds.controller';

/**
 * The build front door: `/build`, `/build_status`, `/build_logs`, `/build_cancel`. Builds run in
 * build-service; this side validates, stores contexts, queues jobs and reads records.
 */
@Module({
  imports: [ImagesModule],
  controllers: [BuildsController],
  providers: [BuildIntakeService, BuildControlService],
})
export class BuildsModule {}
