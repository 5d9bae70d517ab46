import {
  ApiKeyCreateRequestSchema,
  ApiKeyCreatedSchema,
  ApiKeyListResponseSchema,
} from '@agentrt/contracts';
import { ApiException, contractDto } from '@agentrt/platform';
import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { ApiKeyStore } from '@agentrt/gateway-state';

class ApiKeyCreateDto extends contractDto(ApiKeyCreateRequestSchema) {}
class ApiKeyCreatedDto extends contractDto(ApiKeyCreatedSchema) {}
class ApiKeyListDto extends contractDto(ApiKeyListResponseSchema) {}

/** API keys created at runtime (admin port only); a deletion holds on every replica at once. */
@ApiTags('keys')
@Controller('keys')
export class KeysController {
  constructor(private readonly keys: ApiKeyStore) {}

  @Post()
  @ApiOperation({ summary: 'Create a key; the answer is the only time the key is shown' })
  @ZodResponse({ status: 201, type: ApiKeyCreatedDto })
  create(@Body() body: ApiKeyCreateDto): Promise<ApiKeyCreatedDto> {
    return this.keys.create(body.name, body.scopes);
  }

  @Get()
  @ApiOperation({ summary: 'Every key created here: id, name, scopes, creation time' })
  @ZodResponse({ status: 200, type: ApiKeyListDto })
  async list(): Promise<ApiKeyListDto> {
    return { keys: await this.keys.list() };
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke a key' })
  async delete(@Param('id') id: string): Promise<void> {
    if (!(await this.keys.delete(id))) throw new ApiException(404, `No API key with id ${id}`);
  }
}
