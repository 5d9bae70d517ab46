import type { ValidationIssue } from '@agentrt/contracts';

/** Thrown at boot when the environment does not satisfy an app's config schema. */
export class ConfigError extends Error {
  constructor(
    readonly service: string,
    readonly issues: ValidationIssue[],
  ) {
    super(
      `${service}: invalid configuration: ${issues
        .map(({ path, message }) => `${path || '(environment)'}: ${message}`)
        .join('; ')}`,
    );
    this.name = 'ConfigError';
  }

  /** The environment variables at fault, for messages and tests. */
  get variables(): string[] {
    return [...new Set(this.issues.map(({ path }) => path.split('.')[0] ?? path))];
  }
}
