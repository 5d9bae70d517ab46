import { contractDto } from '@agentrt/platform';
import { RuntimeInitRequestSchema, SuccessResponseSchema } from '@agentrt/contracts';
import { Body, Controller, Headers, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { INIT_API_KEY_HEADER, InitKeyGuard } from './init-key.guard';
import { RuntimeInitService } from './runtime-init.service';

class RuntimeInitRequestDto extends contractDto(RuntimeInitRequestSchema) {}
class SuccessResponseDto extends contractDto(SuccessResponseSchema) {}

@ApiTags('server')
@Controller()
export class RuntimeInitController {
  constructor(private readonly init: RuntimeInitService) {}

  @Post('init')
  @UseGuards(InitKeyGuard)
  @HttpCode(200)
  @ApiOperation({
    summary: '(ext) One-time init of a claimed warm-pool runtime: session key and environment',
  })
  @ZodResponse({ status: 200, type: SuccessResponseDto })
  initialize(
    @Headers(INIT_API_KEY_HEADER) key: string | undefined,
    @Body() body: RuntimeInitRequestDto,
  ): SuccessResponseDto {
    this.init.init(key, body);
    return { success: true };
  }
}
