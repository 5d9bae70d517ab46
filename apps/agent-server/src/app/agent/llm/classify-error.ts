import { APICallError, LoadAPIKeyError, NoOutputGeneratedError, RetryError } from 'ai';
import { LlmError } from './llm-error';

const CONTEXT_WINDOW = /context length|context window|maximum context|too many tokens/i;

/** Turns whatever the provider library threw into an {@link LlmError} the loop can report. */
export function classifyLlmError(error: unknown): LlmError {
  if (error instanceof LlmError) return error;
  if (RetryError.isInstance(error)) return classifyLlmError(error.lastError);
  if (NoOutputGeneratedError.isInstance(error) && error.cause) return classifyLlmError(error.cause);
  if (APICallError.isInstance(error)) return fromApiCall(error);
  if (isFetchFailure(error)) {
    const detail = `Cannot reach the LLM: ${causeOf(error)}`;
    return new LlmError('LLMServiceUnavailableError', detail, true);
  }
  if (LoadAPIKeyError.isInstance(error))
    return new LlmError('LLMAuthenticationError', 'No API key was given for the model');
  const message = (error as { message?: unknown } | null)?.message ?? String(error);
  return new LlmError('LLMResponseError', `The LLM call failed: ${String(message)}`);
}

function fromApiCall(error: APICallError): LlmError {
  const status = error.statusCode;
  const detail = status ? `HTTP ${status}: ${error.message}` : error.message;
  if (status === undefined) return new LlmError('LLMServiceUnavailableError', detail, true);
  if (status === 401 || status === 403) return new LlmError('LLMAuthenticationError', detail);
  if (status === 429) return new LlmError('LLMRateLimitError', detail, true);
  if (status === 408 || status >= 500)
    return new LlmError('LLMServiceUnavailableError', detail, true);
  if (CONTEXT_WINDOW.test(error.message))
    return new LlmError('LLMContextWindowExceedError', detail);
  return new LlmError('LLMBadRequestError', detail);
}

/**
 * undici reports a refused or lost connection as a TypeError `fetch failed` with the reason as
 * its cause. Checked by shape: the error may come from another realm (tests run in a VM context).
 */
function isFetchFailure(error: unknown): error is { cause?: unknown; message: string } {
  const candidate = error as { name?: unknown; message?: unknown } | null;
  return candidate?.name === 'TypeError' && candidate.message === 'fetch failed';
}

function causeOf(error: { cause?: unknown; message: string }): string {
  const cause = error.cause as { message?: unknown } | undefined;
  return typeof cause?.message === 'string' ? cause.message : error.message;
}
