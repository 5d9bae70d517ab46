import type { SecurityRisk } from '@agentrt/contracts';
import { type SecurityRule, loadSecurityRules } from './security-rules';

const RANK: Record<SecurityRisk, number> = { UNKNOWN: 0, LOW: 1, MEDIUM: 2, HIGH: 3 };

// Rules are regular expressions, some of which backtrack quadratically on one long line; rating
// long lines in overlapping windows keeps every action's rating fast whatever the LLM wrote.
const WINDOW = 2048;
const OVERLAP = 256;
const MAX_FRAGMENTS = 16_384;

/** The riskier of two ratings; `UNKNOWN` loses to any real rating. */
export function maxRisk(a: SecurityRisk, b: SecurityRisk): SecurityRisk {
  return RANK[b] > RANK[a] ? b : a;
}

/** Whether `risk` is `threshold` or riskier (`UNKNOWN` never is). */
export function atOrAbove(risk: SecurityRisk, threshold: SecurityRisk): boolean {
  return risk !== 'UNKNOWN' && RANK[risk] >= RANK[threshold];
}

/**
 * Rates an action before it runs: the highest risk of the rules matching any of its text
 * arguments, or LOW when none does, raised to the LLM's own rating when that is higher. With no
 * rules at all the analyzer has no opinion, so the rating is the LLM's (`UNKNOWN` when it gave
 * none), which is what `ConfirmRisky.confirm_unknown` is for. Without a list, the built-in rules.
 */
export class SecurityAnalyzer {
  constructor(private readonly rules: readonly SecurityRule[] = loadSecurityRules(undefined)) {}

  rate(toolName: string, args: unknown, modelRisk: SecurityRisk = 'UNKNOWN'): SecurityRisk {
    if (this.rules.length === 0) return modelRisk;
    const texts = fragmentsOf(textsOf(args));
    const ruleRisk = this.matching(toolName, texts).reduce<SecurityRisk>(
      (risk, rule) => maxRisk(risk, rule.risk),
      'LOW',
    );
    return maxRisk(ruleRisk, modelRisk);
  }

  /** The ids of the rules an action's arguments match, e.g. for a log line. */
  matchingRuleIds(toolName: string, args: unknown): string[] {
    return this.matching(toolName, fragmentsOf(textsOf(args))).map((rule) => rule.id);
  }

  private matching(toolName: string, texts: readonly string[]): SecurityRule[] {
    return this.rules.filter(
      (rule) =>
        (rule.tools === undefined || rule.tools.includes(toolName)) &&
        texts.some((text) => rule.regex.test(text)),
    );
  }
}

/** Every string in the arguments, nested ones included (a tool may take a list of commands). */
function textsOf(value: unknown, depth = 0): string[] {
  if (typeof value === 'string') return [value];
  // Tool arguments are shallow; the bound keeps a hostile payload from recursing deeply.
  if (depth > 4 || typeof value !== 'object' || value === null) return [];
  const values = Array.isArray(value) ? value : Object.values(value);
  return values.flatMap((item: unknown) => textsOf(item, depth + 1));
}

/** The texts as lines, long lines cut into overlapping windows; at most MAX_FRAGMENTS of them. */
function fragmentsOf(texts: readonly string[]): string[] {
  const fragments: string[] = [];
  for (const line of texts.flatMap((text) => text.split('\n'))) {
    for (let start = 0; fragments.length < MAX_FRAGMENTS; start += WINDOW - OVERLAP) {
      fragments.push(line.slice(start, start + WINDOW));
      if (start + WINDOW >= line.length) break;
    }
  }
  return fragments;
}
