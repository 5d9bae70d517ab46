import { AgentIdSchema, AgentVersionSchema, GATEWAY_HEADERS } from '@agentrt/contracts';
import { ApiException } from '@agentrt/platform';
import type { Request } from 'express';
import { routedOf } from '../routing/routed-request';

/** Which agent (and version) a request addresses, before it is looked up. */
export interface AgentAddress {
  id: string;
  version?: string;
}

/**
 * Reads the agent from the path parameter, `X-AGENT-ID` or the host `<id>.<agentDomain>`, and
 * the version from `/vX.Y/api/...` or `X-AGENT-VERSION` (gateway.md, Agents). Two sources that
 * disagree are a 400, never a silent pick.
 */
export function agentAddressOf(
  req: Request,
  agentDomain: string | undefined,
  pathAgentId?: string,
): AgentAddress {
  const id = agree('agent', [
    ['path', pathAgentId],
    [GATEWAY_HEADERS.AGENT_ID, header(req, GATEWAY_HEADERS.AGENT_ID)],
    ['host', agentDomain ? agentOfHost(req.headers.host, agentDomain) : undefined],
  ]);
  if (id === undefined) {
    throw new ApiException(
      400,
      `Name the agent: ${GATEWAY_HEADERS.AGENT_ID} header, the host <agent-id>.<domain>, or /api/agents/{agent_id}/...`,
    );
  }
  const version = agree('version', [
    ['path', routedOf(req)?.pathVersion],
    [GATEWAY_HEADERS.AGENT_VERSION, header(req, GATEWAY_HEADERS.AGENT_VERSION)],
  ]);
  check(AgentIdSchema, id, 'agent id');
  if (version !== undefined) check(AgentVersionSchema, version, 'agent version');
  return { id, version };
}

/**
 * `<id>.<domain>` with an exact suffix match: `bot.agents.example.com` for domain
 * `agents.example.com`, never `bot.evilagents.example.com` or `x.bot.agents.example.com`.
 */
export function agentOfHost(host: string | undefined, domain: string): string | undefined {
  if (!host) return undefined;
  const name = host.toLowerCase().replace(/:\d+$/, '').replace(/\.$/, '');
  const suffix = `.${domain}`;
  if (!name.endsWith(suffix)) return undefined;
  const label = name.slice(0, -suffix.length);
  return label.length > 0 && !label.includes('.') ? label : undefined;
}

function header(req: Request, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  const first = Array.isArray(value) ? value[0] : value;
  return first?.trim() || undefined;
}

function agree(what: string, sources: [string, string | undefined][]): string | undefined {
  const given = sources.filter((source): source is [string, string] => source[1] !== undefined);
  const [first] = given;
  const other = given.find(([, value]) => value !== first?.[1]);
  if (first && other) {
    throw new ApiException(
      400,
      `The ${what} is named twice and differently: ${first[0]} says "${first[1]}", ${other[0]} says "${other[1]}"`,
    );
  }
  return first?.[1];
}

function check(schema: typeof AgentIdSchema, value: string, what: string): void {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new ApiException(
      400,
      `Invalid ${what} "${value}": ${parsed.error.issues[0]?.message ?? ''}`,
    );
  }
}
