import type { StartConversationRequest } from '@agentrt/contracts';
import { StartConversationRequestSchema } from '@agentrt/contracts';
import { loadConfig } from '@agentrt/platform';
import { Logger } from '@nestjs/common';
import type { AgentRunner } from '../../agent/agent-runner';
import { AgentServerConfigSchema } from '../../config/agent-server.config';
import { ActivityTracker } from '../../health/activity-tracker';
import { Readiness } from '../../health/readiness';
import { ConversationCommandsService } from '../conversation-commands.service';
import { ConversationsService } from '../conversations.service';
import { EventsService } from '../events.service';
import { MessageSender } from '../message-sender';
import { ConversationRegistry } from '../registry/conversation-registry';
import { AgentRunnerRef } from '../runs/agent-runner-ref';
import { RunCoordinator } from '../runs/run-coordinator';
import type { WorkingDirs } from '../working-dirs';
import { MemoryConversationStore } from './memory-store';

/** A clock tests move by hand. */
export class ManualClock {
  constructor(public now = Date.parse('2025-06-01T12:00:00Z')) {}
  readonly read = () => this.now;
  advance(ms: number): void {
    this.now += ms;
  }
}

/** Working dirs that resolve without touching the disk (the real one only adds a mkdir). */
const fakeDirs: Pick<WorkingDirs, 'prepare'> = {
  prepare: (dir) => Promise.resolve(dir ?? '/workspace'),
};

export interface FixtureOptions {
  runner?: AgentRunner;
  store?: MemoryConversationStore;
  clock?: ManualClock;
  env?: Record<string, string>;
}

/** The conversation services wired as the module wires them, over an in-memory store. */
export function conversationFixture(options: FixtureOptions = {}) {
  Logger.overrideLogger(false); // the services log warnings tests provoke on purpose
  const store = options.store ?? new MemoryConversationStore();
  const clock = options.clock ?? new ManualClock();
  const config = loadConfig('agent-server', AgentServerConfigSchema, {
    WORKSPACE_DIR: '/workspace',
    ...options.env,
  });
  const readiness = new Readiness();
  const activity = new ActivityTracker(clock.read);
  const runners = new AgentRunnerRef(() => options.runner);
  const registry = new ConversationRegistry(store, clock.read, config, readiness, runners);
  const runs = new RunCoordinator(runners, activity);
  const messages = new MessageSender(runs, runners);
  // WorkingDirs' private config makes a structural fake impossible without this cast.
  const dirs = fakeDirs as WorkingDirs;
  return {
    store,
    clock,
    config,
    readiness,
    activity,
    registry,
    messages,
    conversations: new ConversationsService(registry, messages, runners, dirs, clock.read),
    commands: new ConversationCommandsService(registry, runs, runners, messages),
    events: new EventsService(registry),
    /** Boots the registry (indexing the store) as Nest would. */
    async start() {
      registry.onModuleInit();
      readiness.onApplicationBootstrap();
      await registry.ready();
    },
    stop: () => registry.onApplicationShutdown(),
  };
}

export type ConversationFixture = ReturnType<typeof conversationFixture>;

/** A create request as clients send it, parsed like the route parses it. */
export function startRequest(overrides: Record<string, unknown> = {}): StartConversationRequest {
  return StartConversationRequestSchema.parse({
    agent: { llm: { model: 'openai/gpt-4o', api_key: 'sk-live-123456' }, tools: [] },
    workspace: { working_dir: '/workspace/project' },
    ...overrides,
  });
}

/** A user message as the send-message route parses it. */
export function userMessage(text: string, run = false) {
  return { role: 'user' as const, content: [{ type: 'text' as const, text }], run };
}
