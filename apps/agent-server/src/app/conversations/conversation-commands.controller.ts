import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { ConversationCommandsService } from './conversation-commands.service';
import {
  SetConfirmationPolicyRequestDto,
  SuccessResponseDto,
  UpdateSecretsRequestDto,
} from './dto';

const SUCCESS = { success: true } as const;

@ApiTags('conversations')
@Controller('api/conversations/:conversation_id')
export class ConversationCommandsController {
  constructor(private readonly commands: ConversationCommandsService) {}

  @Post('run')
  @ApiOperation({ summary: 'Run the agent in the background (409 if it is already running)' })
  @ZodResponse({ status: 200, type: SuccessResponseDto })
  run(@Param('conversation_id') id: string): Promise<SuccessResponseDto> {
    return this.commands.run(id).then(() => SUCCESS);
  }

  @Post('pause')
  @ApiOperation({ summary: 'Pause the agent between two steps' })
  @ZodResponse({ status: 200, type: SuccessResponseDto })
  pause(@Param('conversation_id') id: string): Promise<SuccessResponseDto> {
    return this.commands.pause(id).then(() => SUCCESS);
  }

  @Post('confirmation_policy')
  @ApiOperation({ summary: 'Set whether actions wait for confirmation' })
  @ZodResponse({ status: 200, type: SuccessResponseDto })
  setConfirmationPolicy(
    @Param('conversation_id') id: string,
    @Body() body: SetConfirmationPolicyRequestDto,
  ): Promise<SuccessResponseDto> {
    return this.commands.setConfirmationPolicy(id, body.policy).then(() => SUCCESS);
  }

  @Post('secrets')
  @ApiOperation({ summary: 'Add or replace secrets; their values are never returned' })
  @ZodResponse({ status: 200, type: SuccessResponseDto })
  updateSecrets(
    @Param('conversation_id') id: string,
    @Body() body: UpdateSecretsRequestDto,
  ): Promise<SuccessResponseDto> {
    return this.commands.updateSecrets(id, body.secrets).then(() => SUCCESS);
  }
}
