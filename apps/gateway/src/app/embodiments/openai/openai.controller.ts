import {
  ChatCompletionChunkSchema,
  ChatCompletionRequestSchema,
  ChatCompletionSchema,
  OpenAiModelListSchema,
} from '@agentrt/contracts';
import type { RunRecord } from '@agentrt/gateway-state';
import { ApiException, contractDto, requestIdOf } from '@agentrt/platform';
import { Body, Controller, Get, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ZodResponse } from 'nestjs-zod';
import { openSse } from '../../agent-runner/sse';
import { callerOf } from '../../edge/caller';
import { type AgentCallContext, AgentCalls, runFailureOf } from '../agent-calls.service';
import { AgentModels } from './agent-models.service';
import { chatInputOf } from './chat-input';
import { chunkOf, type CompletionHeader, completionHeader, completionOf } from './chat-format';
import { OpenAiErrorFilter, withOpenAiError } from './openai-error';

class ChatCompletionRequestDto extends contractDto(ChatCompletionRequestSchema) {}
class ChatCompletionDto extends contractDto(ChatCompletionSchema) {}
class ChatCompletionChunkDto extends contractDto(ChatCompletionChunkSchema) {}
class OpenAiModelListDto extends contractDto(OpenAiModelListSchema) {}

/**
 * The OpenAI-compatible embodiment (gateway.md): agents as chat models, so that the official
 * `openai` clients and tools built on them can run agents. One completion = one agent run.
 */
@ApiTags('embodiment: openai')
@ApiExtraModels(ChatCompletionChunkDto)
@UseFilters(OpenAiErrorFilter)
@Controller('v1')
export class OpenAiController {
  constructor(
    private readonly models: AgentModels,
    private readonly calls: AgentCalls,
  ) {}

  @Get('models')
  @ApiOperation({ summary: 'The agents as models: <agent-id> (latest) and <agent-id>@<version>' })
  @ZodResponse({ status: 200, type: OpenAiModelListDto })
  list(): Promise<OpenAiModelListDto> {
    return this.models.list();
  }

  @Post('chat/completions')
  @ApiOperation({
    summary: 'Run the agent named by `model` on the conversation; `stream: true` answers as SSE',
  })
  @ApiProduces('application/json', 'text/event-stream')
  @ApiOkResponse({ type: ChatCompletionDto, description: 'chat.completion, or chunks as SSE' })
  async complete(
    @Req() req: Request,
    @Res() res: Response,
    @Body() body: ChatCompletionRequestDto,
  ): Promise<void> {
    const agent = await this.models.agentOf(body.model);
    const input = chatInputOf(body.messages);
    const header = completionHeader(body.model);
    const gone = new AbortController();
    res.once('close', () => gone.abort());
    const context: AgentCallContext = {
      caller: callerOf(req),
      requestId: requestIdOf(req),
      signal: gone.signal,
    };
    if (body.stream === true)
      return this.stream(
        res,
        header,
        () =>
          this.calls.run(agent, input, {
            ...context,
            onWaiting: () => res.write(': the agent is working\n\n'),
          }),
        context.requestId,
      );
    const ended = await this.calls.run(agent, input, context);
    if (gone.signal.aborted) return;
    const failure = runFailureOf(ended);
    if (failure !== undefined) throw failedRun(ended, failure);
    res.status(200).json(completionOf(header, ended.output ?? ''));
  }

  /**
   * The answer as OpenAI streams it: a role chunk at once (the client sees a live stream while
   * the agent works, kept busy by SSE comments), the answer when the run ends, then the finish
   * chunk and `[DONE]`. A failed run ends the stream with OpenAI's in-stream `error` object.
   */
  private async stream(
    res: Response,
    header: CompletionHeader,
    run: () => Promise<RunRecord>,
    requestId: string,
  ): Promise<void> {
    openSse(res);
    writeData(res, chunkOf(header, { role: 'assistant', content: '' }));
    const ended = await run();
    if (res.writableEnded || res.destroyed) return;
    const failure = runFailureOf(ended);
    if (failure !== undefined) {
      const { detail, code, extra } = failedRun(ended, failure);
      writeData(res, withOpenAiError({ ...extra, detail, code, request_id: requestId }));
      return void res.end();
    }
    if (ended.output) writeData(res, chunkOf(header, { content: ended.output }));
    writeData(res, chunkOf(header, {}, 'stop'));
    res.end('data: [DONE]\n\n');
  }
}

function writeData(res: Response, data: unknown): void {
  res.write(`data: ${JSON.stringify(data)}\n\n`);
}

/** A run without an answer: the agent failed (502), ran out of time (504) or was cancelled (409). */
function failedRun(record: RunRecord, failure: string): ApiException {
  const status = record.status === 'failed' ? 502 : record.status === 'cancelled' ? 409 : 504;
  return new ApiException(status, failure, undefined, {
    run_id: record.run_id,
    run_status: record.status,
  });
}
