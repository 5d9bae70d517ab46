import { Module } from '@nestjs/common';
import { RuntimeTargetResolverService } from './runtime-target.resolver';

/** The resolver the runtime proxy (mounted in main.ts, ahead of the body parsers) asks. */
@Module({
  providers: [RuntimeTargetResolverService],
  exports: [RuntimeTargetResolverService],
})
export class RuntimeProxyModule {}
