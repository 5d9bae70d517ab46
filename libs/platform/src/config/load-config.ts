import { describeIssues } from '@agentrt/contracts';
import type { z } from 'zod';
import { ConfigError } from './config-error';

export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * Validates the environment once, at boot. Every problem is reported together, each naming its
 * variable, so an operator fixes a deployment in one pass instead of one restart per mistake.
 */
export function loadConfig<S extends z.ZodType>(
  service: string,
  schema: S,
  env: Environment,
): z.output<S> {
  const result = schema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(service, describeIssues(result.error));
  }
  return result.data;
}
