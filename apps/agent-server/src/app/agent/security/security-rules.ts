import { readFileSync } from 'node:fs';
import { RiskThresholdSchema, type RiskThreshold } from '@agentrt/contracts';
import { z } from 'zod';
import { DEFAULT_SECURITY_RULES } from './default-security-rules';

/** One rule of the security analyzer, as written in `AGENT_SECURITY_RULES`. */
export const SecurityRuleSchema = z.strictObject({
  id: z.string().min(1),
  /** Why the rule exists, for whoever reads the rules. */
  description: z.string().optional(),
  risk: RiskThresholdSchema,
  /** A JavaScript regular expression, matched case-insensitively against each text argument. */
  pattern: z.string().min(1).refine(isRegExp, 'must be a valid regular expression'),
  /** Tool names (as the LLM calls them, e.g. `terminal`) the rule applies to; all when absent. */
  tools: z.array(z.string().min(1)).min(1).optional(),
});
export type SecurityRuleSpec = z.infer<typeof SecurityRuleSchema>;

/** A rule ready to match. */
export interface SecurityRule {
  readonly id: string;
  readonly risk: RiskThreshold;
  readonly regex: RegExp;
  readonly tools?: readonly string[];
}

/** Either a list that replaces the built-in rules, or rules added to them. */
const SecurityRulesSchema = z.union([
  z.array(SecurityRuleSchema),
  z.strictObject({
    include_defaults: z.boolean().default(true),
    rules: z.array(SecurityRuleSchema),
  }),
]);

/**
 * The rules `AGENT_SECURITY_RULES` names: unset means the built-in rules; a value starting with
 * `[` or `{` is JSON, anything else a path to a JSON file. Throws a message naming what is wrong,
 * so a bad value stops the server at boot rather than leaving actions unrated.
 */
export function loadSecurityRules(value: string | undefined): SecurityRule[] {
  if (value === undefined) return DEFAULT_SECURITY_RULES.map(compileRule);
  const json = /^\s*[[{]/.test(value) ? value : readRulesFile(value);
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    throw new Error(`is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = SecurityRulesSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`holds invalid rules: ${z.prettifyError(parsed.error)}`);
  const specs = Array.isArray(parsed.data)
    ? parsed.data
    : [...(parsed.data.include_defaults ? DEFAULT_SECURITY_RULES : []), ...parsed.data.rules];
  return specs.map(compileRule);
}

function compileRule(spec: SecurityRuleSpec): SecurityRule {
  return { id: spec.id, risk: spec.risk, regex: new RegExp(spec.pattern, 'i'), tools: spec.tools };
}

function readRulesFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`names a file that cannot be read (${(error as NodeJS.ErrnoException).code})`);
  }
}

function isRegExp(pattern: string): boolean {
  try {
    new RegExp(pattern, 'i');
    return true;
  } catch {
    return false;
  }
}
