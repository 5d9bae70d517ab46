import type { Secrets } from '@agentrt/contracts';
import { inlineSecretValues } from '../secrets/secret-values';
import { Redactor } from './masking';

/**
 * A conversation's secret values (what commands get) and the redaction they imply: every
 * value, and the LLM key, is masked out of events before they are stored or sent.
 */
export class ConversationSecrets {
  private current: Record<string, string>;
  private redactor: Redactor;

  constructor(
    stored: Secrets,
    private readonly llmKey: string | null | undefined,
  ) {
    this.current = inlineSecretValues(stored);
    this.redactor = this.build();
  }

  values(): Readonly<Record<string, string>> {
    return this.current;
  }

  /** Replaces every value (after lookups were resolved for a run). */
  use(values: Record<string, string>): void {
    this.current = values;
    this.redactor = this.build();
  }

  /** Adds or replaces the inline values of `secrets`; lookups resolve at the next run. */
  add(secrets: Secrets): void {
    this.use({ ...this.current, ...inlineSecretValues(secrets) });
  }

  redact<T>(value: T): T {
    return this.redactor.redact(value);
  }

  private build(): Redactor {
    return new Redactor([...Object.values(this.current), ...(this.llmKey ? [this.llmKey] : [])]);
  }
}
