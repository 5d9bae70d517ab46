export type { AgentRuntime, RuntimeFallback, RuntimeType, DebugLog } from './agent-runtime';
export { LocalRuntime, type LocalRuntimeOptions } from './local-runtime';
export { RemoteRuntime, type RemoteRuntimeOptions, type AttachOptions } from './remote-runtime';
export { startRuntime, type RuntimeRequest, type StartedRuntime } from './start-runtime';
export {
  AgentLoop,
  type AgentLoopOptions,
  type AgentStatus,
  type LlmSettings,
  DEFAULT_TOOLS,
} from './agent-loop';
export {
  AgentLoopManager,
  type AgentLoopManagerOptions,
  type LoopKey,
  type LoopRequest,
} from './agent-loop-manager';
export { ExitCleanup } from './exit-cleanup';
