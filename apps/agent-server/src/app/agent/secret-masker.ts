/** What a secret value is replaced with in every event the agent emits. */
export const SECRET_PLACEHOLDER = '<secret-hidden>';

/**
 * Shorter values are left alone, as the conversations module's redactor does: masking every
 * "ab" would garble all text (and what the LLM reads) while protecting nothing.
 */
const MIN_MASKED_LENGTH = 4;

/**
 * Replaces secret values (a conversation's secrets, the LLM API key) wherever they occur in a
 * string, however deeply nested (object keys stay). Longer values first, so a secret containing another is hidden
 * whole.
 */
export class SecretMasker {
  private readonly values: readonly string[];

  constructor(values: Iterable<string | null | undefined>) {
    const unique = new Set(
      [...values].filter(
        (value): value is string => typeof value === 'string' && value.length >= MIN_MASKED_LENGTH,
      ),
    );
    this.values = [...unique].sort((a, b) => b.length - a.length);
  }

  mask<T>(value: T): T {
    return this.maskValue(value) as T;
  }

  private maskValue(value: unknown): unknown {
    if (typeof value === 'string') return this.maskText(value);
    if (Array.isArray(value)) return value.map((item) => this.maskValue(item));
    if (typeof value === 'object' && value !== null) {
      const entries = Object.entries(value).map(([key, item]) => [key, this.maskValue(item)]);
      return Object.fromEntries(entries);
    }
    return value;
  }

  private maskText(text: string): string {
    return this.values.reduce(
      (masked, secret) => masked.split(secret).join(SECRET_PLACEHOLDER),
      text,
    );
  }
}
