import type { Secrets, SecretValue } from '@agentrt/contracts';

const LOOKUP_TIMEOUT_MS = 10_000;

/** Fetches a URL's body as text; `fetch` in production, a fake in tests. */
export type TextFetcher = (url: string, headers: Record<string, string>) => Promise<string>;

/** The secret values a run can use, and the names that could not be resolved. */
export interface ResolvedSecrets {
  values: Record<string, string>;
  failed: string[];
}

/** Values given inline (strings, `{value}`, StaticSecret); LookupSecrets are left out. */
export function inlineSecretValues(secrets: Secrets): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, secret] of Object.entries(secrets)) {
    const value = inlineValue(secret);
    if (value !== undefined) values[name] = value;
  }
  return values;
}

/**
 * Every secret's value: inline ones as given, LookupSecrets fetched from their URL now (they
 * may be short-lived tokens, so they are fetched per run rather than stored).
 */
export async function resolveSecretValues(
  secrets: Secrets,
  fetchText: TextFetcher = fetchWithTimeout,
): Promise<ResolvedSecrets> {
  const values = inlineSecretValues(secrets);
  const failed: string[] = [];
  await Promise.all(
    Object.entries(secrets).map(async ([name, secret]) => {
      if (typeof secret === 'string' || secret.kind !== 'LookupSecret') return;
      try {
        values[name] = await fetchText(secret.url, secret.headers ?? {});
      } catch {
        failed.push(name);
      }
    }),
  );
  return { values, failed: failed.sort() };
}

function inlineValue(secret: SecretValue): string | undefined {
  if (typeof secret === 'string') return secret;
  return secret.kind === 'LookupSecret' ? undefined : secret.value;
}

async function fetchWithTimeout(url: string, headers: Record<string, string>): Promise<string> {
  const response = await fetch(url, { headers, signal: AbortSignal.timeout(LOOKUP_TIMEOUT_MS) });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.text();
}
