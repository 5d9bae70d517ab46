import type { AgentConfig, ConversationInfo } from '@agentrt/contracts';

/** What a credential reads as once it leaves the server. */
export const MASK = '**********';

/** Field names whose string values are credentials (`api_key`, `aws_secret_access_key`, ...). */
const CREDENTIAL_FIELD = /api_key$|secret|password|(^|_)token$|^authorization$/i;

/** Values shorter than this are not redacted: they would garble text and protect nothing. */
const MIN_REDACTED_LENGTH = 4;

/** The conversation as clients may see it: every credential in `agent` masked. */
export function maskInfo(info: ConversationInfo): ConversationInfo {
  return { ...info, agent: maskCredentials(info.agent) };
}

/** A deep copy of `agent` with credential fields (LLM key, cloud secrets, auth headers) masked. */
export function maskCredentials(agent: AgentConfig): AgentConfig {
  return maskValue(agent, false) as AgentConfig;
}

function maskValue(value: unknown, credential: boolean): unknown {
  if (typeof value === 'string') return credential && value.length > 0 ? MASK : value;
  if (Array.isArray(value)) return value.map((item) => maskValue(item, credential));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      maskValue(item, credential || CREDENTIAL_FIELD.test(key)),
    ]),
  );
}

/**
 * Replaces known secret values (a conversation's secrets and LLM key) wherever they appear in
 * an event's text, so a command that prints a secret does not store or stream it.
 */
export class Redactor {
  private readonly values: string[];

  constructor(values: Iterable<string>) {
    // Longest first, so a secret containing another is replaced whole.
    this.values = [...new Set(values)]
      .filter((value) => value.length >= MIN_REDACTED_LENGTH)
      .sort((a, b) => b.length - a.length);
  }

  redact<T>(value: T): T {
    return this.values.length === 0 ? value : (this.walk(value) as T);
  }

  private walk(value: unknown): unknown {
    if (typeof value === 'string') {
      return this.values.reduce((text, secret) => text.replaceAll(secret, MASK), value);
    }
    if (Array.isArray(value)) return value.map((item) => this.walk(item));
    if (typeof value !== 'object' || value === null) return value;
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, this.walk(item)]));
  }
}
