import { Module } from '@nestjs/common';
import { AGENT_SERVER_CONFIG, type AgentServerConfig } from '../config/agent-server.config';
import { AllowedRoots, filesystemProbe } from './allowed-roots';
import { FileDownloads } from './file-downloads';
import { FileUploads } from './file-uploads';
import { FilesController } from './files.controller';

/** `/api/file`: streaming upload and download inside the allowed roots. */
@Module({
  controllers: [FilesController],
  providers: [
    {
      provide: AllowedRoots,
      useFactory: (config: AgentServerConfig) =>
        new AllowedRoots(config.FILE_ALLOWED_ROOTS, filesystemProbe),
      inject: [AGENT_SERVER_CONFIG],
    },
    FileUploads,
    FileDownloads,
  ],
})
export class FilesModule {}
