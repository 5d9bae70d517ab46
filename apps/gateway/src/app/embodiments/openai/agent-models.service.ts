import {
  type AgentDefinition,
  AgentModelRefSchema,
  type OpenAiModelList,
} from '@agentrt/contracts';
import { AgentStore } from '@agentrt/gateway-state';
import { ApiException } from '@agentrt/platform';
import { Injectable } from '@nestjs/common';
import { AgentResolver } from '../../agents/agent-resolver.service';
import { modelListOf } from './chat-format';

/** Agents as OpenAI models: `<agent-id>` (latest version) or `<agent-id>@<version>`. */
@Injectable()
export class AgentModels {
  constructor(
    private readonly store: AgentStore,
    private readonly resolver: AgentResolver,
  ) {}

  async list(): Promise<OpenAiModelList> {
    const latest = await this.store.list();
    const versions = await Promise.all(latest.map((agent) => this.store.versions(agent.id)));
    return modelListOf(versions.flat());
  }

  /** The agent a `model` names: 400 when it is no agent name at all, 404 when unknown. */
  agentOf(model: string): Promise<AgentDefinition> {
    const ref = AgentModelRefSchema.safeParse(model);
    if (!ref.success) {
      throw new ApiException(
        400,
        `model "${model}" must be <agent-id> or <agent-id>@<version>: ${ref.error.issues[0]?.message ?? ''}`,
      );
    }
    return this.resolver.find({ id: ref.data.agent_id, version: ref.data.version });
  }
}
