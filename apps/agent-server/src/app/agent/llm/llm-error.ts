/**
 * Why an LLM call failed, named like the OpenHands SDK's exception classes so clients that
 * branch on `ConversationErrorEvent.code` see the names they know.
 */
export type LlmErrorCode =
  | 'LLMAuthenticationError'
  | 'LLMRateLimitError'
  | 'LLMServiceUnavailableError'
  | 'LLMTimeoutError'
  | 'LLMContextWindowExceedError'
  | 'LLMBadRequestError'
  | 'LLMConfigurationError'
  | 'LLMResponseError'
  | 'LLMCancelledError';

/** An LLM call failed for good (after retries, or at once when retrying cannot help). */
export class LlmError extends Error {
  constructor(
    readonly code: LlmErrorCode,
    message: string,
    /** Worth another attempt: rate limits, server errors, timeouts, lost connections. */
    readonly retryable = false,
  ) {
    super(message);
    this.name = code;
  }
}
