import type { z } from 'zod';
import { summarizeIssues } from './validation';

/**
 * For specs: the one-line message (`summarizeIssues`) a client would read for an input the
 * schema rejects. Throws when the input is accepted, so a test cannot pass by accident.
 */
export function rejectionOf(schema: z.ZodType, input: unknown): string {
  const result = schema.safeParse(input);
  if (result.success) {
    throw new Error(`expected a rejection, but parsed to ${JSON.stringify(result.data)}`);
  }
  return summarizeIssues(result.error);
}
