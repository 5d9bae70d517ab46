import { Body, Controller, Delete, Get, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ZodResponse } from 'nestjs-zod';
import { ConversationsService } from './conversations.service';
import {
  ConversationBatchResponseDto,
  ConversationCountQueryDto,
  ConversationIdsQueryDto,
  ConversationInfoDto,
  ConversationPageDto,
  ConversationSearchQueryDto,
  COUNT_RESPONSE,
  StartConversationRequestDto,
  SuccessResponseDto,
  UpdateConversationRequestDto,
} from './dto';

@ApiTags('conversations')
@Controller('api/conversations')
export class ConversationsController {
  constructor(private readonly conversations: ConversationsService) {}

  @Post()
  @ApiOperation({
    summary: 'Start a conversation (201), or get the one with conversation_id (200)',
  })
  @ZodResponse({ status: 201, type: ConversationInfoDto })
  async create(
    @Body() body: StartConversationRequestDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ConversationInfoDto> {
    const { info, created } = await this.conversations.create(body);
    res.status(created ? 201 : 200);
    return info;
  }

  @Get('search')
  @ApiOperation({ summary: 'Search conversations by status, one page at a time' })
  @ZodResponse({ status: 200, type: ConversationPageDto })
  search(@Query() query: ConversationSearchQueryDto): Promise<ConversationPageDto> {
    return this.conversations.search(query);
  }

  @Get('count')
  @ApiOperation({ summary: 'Count conversations, optionally by status' })
  @ApiResponse(COUNT_RESPONSE)
  count(@Query() query: ConversationCountQueryDto): Promise<number> {
    return this.conversations.count(query);
  }

  @Get()
  @ApiOperation({ summary: 'Get conversations by id; null for each unknown id' })
  @ZodResponse({ status: 200, type: ConversationBatchResponseDto })
  batchGet(@Query() query: ConversationIdsQueryDto): Promise<ConversationBatchResponseDto> {
    return this.conversations.batchGet(query.ids);
  }

  @Get(':conversation_id')
  @ApiOperation({ summary: 'Get a conversation' })
  @ZodResponse({ status: 200, type: ConversationInfoDto })
  get(@Param('conversation_id') id: string): Promise<ConversationInfoDto> {
    return this.conversations.get(id);
  }

  @Patch(':conversation_id')
  @ApiOperation({ summary: "Change a conversation's title" })
  @ZodResponse({ status: 200, type: SuccessResponseDto })
  async update(
    @Param('conversation_id') id: string,
    @Body() body: UpdateConversationRequestDto,
  ): Promise<SuccessResponseDto> {
    await this.conversations.rename(id, body.title);
    return { success: true };
  }

  @Delete(':conversation_id')
  @ApiOperation({ summary: 'Delete a conversation: stops its run and removes its events' })
  @ZodResponse({ status: 200, type: SuccessResponseDto })
  async delete(@Param('conversation_id') id: string): Promise<SuccessResponseDto> {
    await this.conversations.delete(id);
    return { success: true };
  }
}
