import type { AgentDefinition } from '@agentrt/contracts';
import { AgentStore } from '@agentrt/gateway-state';
import { ApiException } from '@agentrt/platform';
import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config';
import { type AgentAddress, agentAddressOf } from './agent-address';

/** Finds the stored agent a request addresses; 400 when none is named, 404 when unknown. */
@Injectable()
export class AgentResolver {
  constructor(
    private readonly agents: AgentStore,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  resolve(req: Request, pathAgentId?: string): Promise<AgentDefinition> {
    return this.find(agentAddressOf(req, this.config.AGENT_DOMAIN, pathAgentId));
  }

  async find(address: AgentAddress): Promise<AgentDefinition> {
    const agent = await this.agents.get(address.id, address.version);
    if (agent) return agent;
    const detail =
      address.version === undefined
        ? `Agent ${address.id} not found`
        : `Agent ${address.id} has no version ${address.version}`;
    throw new ApiException(404, detail, 'not_found');
  }
}
