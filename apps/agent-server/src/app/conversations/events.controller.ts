import type { Event } from '@agentrt/contracts';
import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { ConversationCommandsService } from './conversation-commands.service';
import {
  ConfirmationResponseRequestDto,
  COUNT_RESPONSE,
  EventCountQueryDto,
  EVENT_RESPONSE,
  EventPageDto,
  EventSearchQueryDto,
  SendMessageRequestDto,
  SuccessResponseDto,
} from './dto';
import { EventsService } from './events.service';

const SUCCESS = { success: true } as const;

@ApiTags('events')
@Controller('api/conversations/:conversation_id/events')
export class EventsController {
  constructor(
    private readonly events: EventsService,
    private readonly commands: ConversationCommandsService,
  ) {}

  @Get('search')
  @ApiOperation({ summary: "Search a conversation's events by kind and time" })
  @ZodResponse({ status: 200, type: EventPageDto })
  search(
    @Param('conversation_id') id: string,
    @Query() query: EventSearchQueryDto,
  ): Promise<EventPageDto> {
    return this.events.search(id, query);
  }

  @Get('count')
  @ApiOperation({ summary: "Count a conversation's events by kind and time" })
  @ApiResponse(COUNT_RESPONSE)
  count(@Param('conversation_id') id: string, @Query() query: EventCountQueryDto): Promise<number> {
    return this.events.count(id, query);
  }

  @Get(':event_id')
  @ApiOperation({ summary: 'Get one event' })
  @ApiResponse(EVENT_RESPONSE)
  get(@Param('conversation_id') id: string, @Param('event_id') eventId: string): Promise<Event> {
    return this.events.get(id, eventId);
  }

  @Post()
  @ApiOperation({ summary: 'Send a user message; with run: true the agent starts if idle' })
  @ZodResponse({ status: 200, type: SuccessResponseDto })
  send(
    @Param('conversation_id') id: string,
    @Body() body: SendMessageRequestDto,
  ): Promise<SuccessResponseDto> {
    return this.commands.sendMessage(id, body).then(() => SUCCESS);
  }

  @Post('respond_to_confirmation')
  @ApiOperation({ summary: 'Accept or reject the actions waiting for confirmation' })
  @ZodResponse({ status: 200, type: SuccessResponseDto })
  respondToConfirmation(
    @Param('conversation_id') id: string,
    @Body() body: ConfirmationResponseRequestDto,
  ): Promise<SuccessResponseDto> {
    return this.commands.respondToConfirmation(id, body).then(() => SUCCESS);
  }
}
