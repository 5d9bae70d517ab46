import { Module } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { AGENT_RUNNER, type AgentRunner } from '../agent/agent-runner';
import { ConversationCommandsController } from './conversation-commands.controller';
import { ConversationCommandsService } from './conversation-commands.service';
import { ConversationsController } from './conversations.controller';
import { ConversationsService } from './conversations.service';
import { EventsController } from './events.controller';
import { EventsService } from './events.service';
import { MessageSender } from './message-sender';
import { ConversationRegistry } from './registry/conversation-registry';
import { AgentRunnerRef } from './runs/agent-runner-ref';
import { RunCoordinator } from './runs/run-coordinator';
import { ConversationStore } from './store/conversation-store';
import { FileConversationStore } from './store/file-conversation-store';
import { WorkingDirs } from './working-dirs';

/** Finds the runner wherever it is provided in the app, or nothing when none is installed. */
function findRunner(moduleRef: ModuleRef): AgentRunner | undefined {
  try {
    return moduleRef.get<AgentRunner>(AGENT_RUNNER, { strict: false });
  } catch {
    return undefined;
  }
}

/** `/api/conversations` and its events: persistence, runs, and the streams sockets read. */
@Module({
  controllers: [ConversationsController, ConversationCommandsController, EventsController],
  providers: [
    { provide: ConversationStore, useClass: FileConversationStore },
    ConversationRegistry,
    RunCoordinator,
    MessageSender,
    ConversationsService,
    ConversationCommandsService,
    EventsService,
    WorkingDirs,
    {
      provide: AgentRunnerRef,
      inject: [ModuleRef],
      useFactory: (moduleRef: ModuleRef) => new AgentRunnerRef(() => findRunner(moduleRef)),
    },
  ],
  exports: [ConversationRegistry, MessageSender, AgentRunnerRef],
})
export class ConversationsModule {}
