import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ApiException } from '@agentrt/platform';
import { Inject, Injectable } from '@nestjs/common';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config';

/** A secret's name: a plain file name, so a reference can never point outside the directory. */
const SECRET_REF = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/**
 * LLM keys by reference (`api_key_ref`): one file per key in `LLM_SECRETS_DIR`, read when a run
 * starts (so a rotated key is used at once) and never logged or stored in run records.
 */
@Injectable()
export class LlmSecrets {
  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {}

  async keyFor(ref: string | undefined, agentId: string): Promise<string | undefined> {
    if (ref === undefined) return undefined;
    const dir = this.config.LLM_SECRETS_DIR;
    if (!dir || !SECRET_REF.test(ref)) throw missing(ref, agentId);
    try {
      const key = (await readFile(join(dir, ref), 'utf8')).trim();
      if (key) return key;
    } catch {
      // Missing or unreadable: the same answer, without telling callers about the filesystem.
    }
    throw missing(ref, agentId);
  }
}

function missing(ref: string, agentId: string): ApiException {
  return new ApiException(
    503,
    `The LLM key "${ref}" of agent ${agentId} is not configured on this gateway (LLM_SECRETS_DIR)`,
    'service_unavailable',
  );
}
