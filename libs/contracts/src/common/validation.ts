import type { z } from 'zod';
import type { ValidationIssue } from './error-body';

/** Flattens zod issues into `{path, message}` pairs a person can read without the schema. */
export function describeIssues(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}

/** One line naming every offending field, e.g. `image: Required; resource_factor: ...`. */
export function summarizeIssues(error: z.ZodError): string {
  return describeIssues(error)
    .map(({ path, message }) => (path ? `${path}: ${message}` : message))
    .join('; ');
}
