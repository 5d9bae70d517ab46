import {
  AgentDefinitionSchema,
  AgentIdSchema,
  AgentListResponseSchema,
  AgentVersionSchema,
} from '@agentrt/contracts';
import { AgentStore } from '@agentrt/gateway-state';
import { ApiException, contractDto } from '@agentrt/platform';
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ZodResponse } from 'nestjs-zod';

class AgentDto extends contractDto(AgentDefinitionSchema) {}
class AgentListDto extends contractDto(AgentListResponseSchema) {}

/** Agent definitions (admin port only): create, replace, read and delete, by version. */
@ApiTags('agents')
@Controller('agents')
export class AgentsAdminController {
  constructor(private readonly agents: AgentStore) {}

  @Post()
  @ApiOperation({ summary: 'Create an agent version; 409 when that id and version exist' })
  @ZodResponse({ status: 201, type: AgentDto })
  async create(@Body() body: AgentDto): Promise<AgentDto> {
    const now = new Date().toISOString();
    const agent = { ...body, created_at: now, updated_at: now };
    const outcome = await this.agents.create(agent);
    if (outcome.kind === 'exists') {
      throw new ApiException(
        409,
        `Agent ${body.id} version ${body.version} exists; PUT replaces it`,
      );
    }
    return agent;
  }

  @Put(':agentId')
  @ApiOperation({ summary: 'Create or replace the version named in the body' })
  @ZodResponse({ status: 200, type: AgentDto })
  async put(
    @Param('agentId') agentId: string,
    @Body() body: AgentDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AgentDto> {
    if (body.id !== agentId) {
      throw new ApiException(400, `The body's id "${body.id}" is not the path's "${agentId}"`);
    }
    const previous = await this.agents.get(body.id, body.version);
    const now = new Date().toISOString();
    const agent = { ...body, created_at: previous?.created_at ?? now, updated_at: now };
    if (await this.agents.put(agent)) res.status(201);
    return agent;
  }

  @Get()
  @ApiOperation({ summary: 'Every agent, latest version of each' })
  @ZodResponse({ status: 200, type: AgentListDto })
  async list(): Promise<AgentListDto> {
    return { agents: await this.agents.list() };
  }

  @Get(':agentId')
  @ApiOperation({ summary: 'The latest version of an agent' })
  @ZodResponse({ status: 200, type: AgentDto })
  async get(@Param('agentId') agentId: string): Promise<AgentDto> {
    return this.found(await this.agents.get(validId(agentId)), agentId);
  }

  @Get(':agentId/versions')
  @ApiOperation({ summary: 'Every version of an agent, oldest first' })
  @ZodResponse({ status: 200, type: AgentListDto })
  async versions(@Param('agentId') agentId: string): Promise<AgentListDto> {
    const agents = await this.agents.versions(validId(agentId));
    if (agents.length === 0) throw notFound(agentId);
    return { agents };
  }

  @Get(':agentId/versions/:version')
  @ApiOperation({ summary: 'One version of an agent' })
  @ZodResponse({ status: 200, type: AgentDto })
  async version(
    @Param('agentId') agentId: string,
    @Param('version') version: string,
  ): Promise<AgentDto> {
    return this.found(
      await this.agents.get(validId(agentId), validVersion(version)),
      agentId,
      version,
    );
  }

  @Delete(':agentId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an agent and all its versions' })
  async delete(@Param('agentId') agentId: string): Promise<void> {
    if (!(await this.agents.delete(validId(agentId)))) throw notFound(agentId);
  }

  @Delete(':agentId/versions/:version')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete one version of an agent' })
  async deleteVersion(
    @Param('agentId') agentId: string,
    @Param('version') version: string,
  ): Promise<void> {
    if (!(await this.agents.delete(validId(agentId), validVersion(version)))) {
      throw notFound(agentId, version);
    }
  }

  private found<T>(agent: T | undefined, agentId: string, version?: string): T {
    if (agent === undefined) throw notFound(agentId, version);
    return agent;
  }
}

function notFound(agentId: string, version?: string): ApiException {
  const what = version === undefined ? `Agent ${agentId}` : `Agent ${agentId} version ${version}`;
  return new ApiException(404, `${what} not found`, 'not_found');
}

function validId(agentId: string): string {
  const parsed = AgentIdSchema.safeParse(agentId);
  if (!parsed.success) throw new ApiException(400, `Invalid agent id "${agentId}"`);
  return parsed.data;
}

function validVersion(version: string): string {
  const parsed = AgentVersionSchema.safeParse(version);
  if (!parsed.success) throw new ApiException(400, `Invalid agent version "${version}"`);
  return parsed.data;
}
