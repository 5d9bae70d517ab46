import {
  type DiagnosticPingRequest,
  type DiagnosticPingResponse,
  DiagnosticJobResultSchema,
} from '@agentrt/contracts';
import { ApiException } from '@agentrt/platform';
import { JOB_NAMES, JobTimeoutError, QUEUES, QueueProducer } from '@agentrt/queues';
import { Injectable } from '@nestjs/common';

/** Sends a ping through BullMQ to build-service and reports who answered and how fast. */
@Injectable()
export class DiagnosticsService {
  constructor(private readonly producer: QueueProducer) {}

  async pingQueue(
    request: DiagnosticPingRequest,
    requestId: string,
  ): Promise<DiagnosticPingResponse> {
    const started = performance.now();
    const enqueuedAt = new Date().toISOString();
    // Keyed by request id: a client retrying the same request gets the same job, not a second.
    const jobId = `diag-${requestId}`;
    const data = { message: request.message, request_id: requestId, enqueued_at: enqueuedAt };
    await this.producer.enqueue(QUEUES.diagnostics, JOB_NAMES.diagnosticPing, data, jobId);
    const result = DiagnosticJobResultSchema.parse(
      await this.waitForWorker(jobId, request.timeout_ms),
    );
    return {
      ...result,
      job_id: jobId,
      queue: QUEUES.diagnostics,
      enqueued_at: enqueuedAt,
      round_trip_ms: Math.round(performance.now() - started),
    };
  }

  private async waitForWorker(jobId: string, timeoutMs: number): Promise<unknown> {
    try {
      return await this.producer.waitForResult(QUEUES.diagnostics, jobId, timeoutMs);
    } catch (error) {
      if (error instanceof JobTimeoutError) {
        throw new ApiException(
          504,
          `No build-service worker answered within ${timeoutMs} ms; check that build-service is running with the same REDIS_URL and QUEUE_PREFIX`,
          'gateway_timeout',
          { job_id: jobId },
        );
      }
      const reason = error instanceof Error ? error.message : String(error);
      throw new ApiException(
        502,
        `The diagnostic job failed in build-service: ${reason}`,
        'bad_gateway',
        { job_id: jobId },
      );
    }
  }
}
