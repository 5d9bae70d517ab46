import { z } from 'zod';

/** `WWW-Authenticate: Bearer realm="...",service="...",scope="..."` from a registry's 401. */
export interface BearerChallenge {
  realm: string;
  service?: string;
  scope?: string;
}

/** The challenge of a 401, or undefined when it is not a bearer challenge (e.g. Basic). */
export function parseBearerChallenge(header: string | undefined): BearerChallenge | undefined {
  if (!header || !/^bearer\s/i.test(header)) return undefined;
  const params = new Map<string, string>();
  for (const [, key = '', value = ''] of header.matchAll(/(\w+)="([^"]*)"/g)) {
    params.set(key.toLowerCase(), value);
  }
  const realm = params.get('realm');
  if (!realm || !/^https?:\/\//i.test(realm)) return undefined;
  return { realm, service: params.get('service'), scope: params.get('scope') };
}

/** Where to ask for an anonymous pull token (Docker's token protocol). */
export function tokenUrl(challenge: BearerChallenge, repository: string): string {
  const url = new URL(challenge.realm);
  if (challenge.service) url.searchParams.set('service', challenge.service);
  url.searchParams.set('scope', challenge.scope ?? `repository:${repository}:pull`);
  return url.toString();
}

// Docker Hub answers `token`, OAuth-style servers `access_token`; either will do.
const TokenAnswerSchema = z
  .object({ token: z.string().min(1).optional(), access_token: z.string().min(1).optional() })
  .transform((answer) => answer.token ?? answer.access_token);

/** The token in a token service's JSON answer, or undefined when there is none. */
export function tokenOf(body: string): string | undefined {
  try {
    const parsed = TokenAnswerSchema.safeParse(JSON.parse(body));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
