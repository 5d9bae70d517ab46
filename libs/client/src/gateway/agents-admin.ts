import {
  type AgentDefinition,
  AgentDefinitionSchema,
  AgentListResponseSchema,
} from '@agentrt/contracts';
import { z } from 'zod';
import type { HttpService } from '../http/http-service';

/** An agent definition as sent: fields with defaults (`tools`, `resource_factor`) may be left out. */
export type AgentDefinitionInput = z.input<typeof AgentDefinitionSchema>;

const NoContent = z.unknown();
const path = (agentId: string) => `/agents/${encodeURIComponent(agentId)}`;

/** Agent definitions on the gateway's admin port (`/agents`, admin scope). */
export class AgentsAdmin {
  constructor(private readonly admin: () => HttpService) {}

  /** Every agent, latest version of each. */
  async list(): Promise<AgentDefinition[]> {
    return (await this.admin().json('/agents', AgentListResponseSchema)).agents;
  }

  /** The latest version, or the one named. */
  get(agentId: string, version?: string): Promise<AgentDefinition> {
    const where =
      version === undefined
        ? path(agentId)
        : `${path(agentId)}/versions/${encodeURIComponent(version)}`;
    return this.admin().json(where, AgentDefinitionSchema);
  }

  /** Every version, oldest first. */
  async versions(agentId: string): Promise<AgentDefinition[]> {
    const answer = await this.admin().json(`${path(agentId)}/versions`, AgentListResponseSchema);
    return answer.agents;
  }

  /** `POST /agents`: a new agent version; a 409 `ApiCallError` when that id and version exist. */
  create(agent: AgentDefinitionInput): Promise<AgentDefinition> {
    return this.admin().json('/agents', AgentDefinitionSchema, { body: agent });
  }

  /** `PUT /agents/{id}`: creates or replaces the version named in `agent`. */
  update(agent: AgentDefinitionInput): Promise<AgentDefinition> {
    return this.admin().json(path(agent.id), AgentDefinitionSchema, {
      method: 'PUT',
      body: agent,
    });
  }

  /** Deletes the agent (every version), or only the version named. */
  async delete(agentId: string, version?: string): Promise<void> {
    const where =
      version === undefined
        ? path(agentId)
        : `${path(agentId)}/versions/${encodeURIComponent(version)}`;
    await this.admin().json(where, NoContent, { method: 'DELETE' });
  }
}
