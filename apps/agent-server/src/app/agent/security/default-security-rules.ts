import type { SecurityRuleSpec } from './security-rules';

// Patterns are heuristics over command text: they catch the usual spellings, not every one. They
// stop at a command separator (`;`, `&`, `|`, newline) so one command's words do not pair up with
// another's. Loopback hosts are exempt from the egress rules: reaching them leaves no machine.
const SEGMENT = String.raw`[^;&|\n]*`;
const NOT_LOOPBACK = String.raw`(?!(?:localhost|127(?:\.\d{1,3}){3}|\[::1\]|::1|0\.0\.0\.0)(?=[:/?#'"\s]|$))`;
const FLAGS = String.raw`(?:-\S+\s+)*`;
const HOME = String.raw`(?:~|\$HOME|\$\{HOME\}|/root|/home/[^/\s]+)`;

/** Destructive commands: what cannot be undone, on the machine or on a remote. */
const DESTRUCTIVE: SecurityRuleSpec[] = [
  {
    id: 'rm-root-or-home',
    risk: 'HIGH',
    pattern: String.raw`\brm\s+${FLAGS}(?:--no-preserve-root\s+)?(?:/|/\*|${HOME}/?|\*)(?=$|[\s;&|)])`,
  },
  {
    id: 'rm-recursive',
    risk: 'MEDIUM',
    pattern: String.raw`\brm\s+${FLAGS}?(?:-[a-z]*r|--recursive)`,
  },
  {
    id: 'mkfs',
    risk: 'HIGH',
    pattern: String.raw`\b(?:mkfs(?:\.\w+)?|mkswap|wipefs|fdisk|parted)\b`,
  },
  {
    id: 'write-to-device',
    risk: 'HIGH',
    pattern: String.raw`(?:\bdd\b${SEGMENT}\bof=|>\s*)/dev/(?!null\b|zero\b|stdout\b|stderr\b|tty\b|fd/)\w`,
  },
  {
    id: 'recursive-permissions-on-system',
    risk: 'HIGH',
    pattern: String.raw`\b(?:chmod|chown|chgrp)\s${SEGMENT}-[a-z]*r${SEGMENT}\s/(?:etc|usr|bin|boot|var|lib|\*)?/?(?=$|[\s;&|)])`,
  },
  {
    id: 'git-force-push',
    risk: 'HIGH',
    pattern: String.raw`\bgit\s${SEGMENT}\bpush\b${SEGMENT}(?:\s--force(?:-with-lease)?\b|\s-[a-z]*f\b|\s\+\S)`,
  },
  {
    id: 'git-discard',
    risk: 'MEDIUM',
    pattern: String.raw`\bgit\s+(?:reset\s+--hard|clean\s+-[a-z]*f)`,
  },
  {
    id: 'sql-drop',
    risk: 'HIGH',
    pattern: String.raw`\b(?:drop\s+(?:table|database|schema)|truncate\s+table)\b|\bdelete\s+from\s+[\w."]+\s*(?:;|$)`,
  },
  { id: 'fork-bomb', risk: 'HIGH', pattern: String.raw`:\(\)\s*\{\s*:\s*\|\s*:\s*&\s*\}` },
  {
    id: 'power-off',
    risk: 'HIGH',
    pattern: String.raw`(?:^|[;&|(]\s*|\bsudo\s+)(?:shutdown|reboot|halt|poweroff|init\s+[06])\b`,
  },
];

/** Network egress: data leaving for, or code arriving from, a non-loopback host. */
const EGRESS: SecurityRuleSpec[] = [
  {
    id: 'download-and-run',
    risk: 'HIGH',
    pattern: String.raw`\b(?:curl|wget)\b[^;&\n]*\|\s*(?:sudo\s+)?(?:ba|z|da|k)?sh\b`,
  },
  {
    id: 'fetch-remote-url',
    risk: 'MEDIUM',
    pattern: String.raw`\b(?:curl|wget|aria2c|lynx|links)\s${SEGMENT}?\b(?:https?|ftps?|wss?)://${NOT_LOOPBACK}`,
  },
  {
    id: 'fetch-remote-host',
    risk: 'MEDIUM',
    pattern: String.raw`\b(?:curl|wget)\s+${FLAGS}${NOT_LOOPBACK}[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?::\d+)?(?=$|[\s/;&|'"])`,
  },
  {
    id: 'raw-socket',
    risk: 'MEDIUM',
    pattern: String.raw`\b(?:nc|ncat|netcat|telnet|socat)\s+${FLAGS}${NOT_LOOPBACK}[a-z0-9][\w-]*(?:\.[\w-]+)+`,
  },
  {
    id: 'remote-shell',
    risk: 'MEDIUM',
    pattern: String.raw`\b(?:ssh|scp|sftp|rsync)\s${SEGMENT}?(?:[\w.-]+@)${NOT_LOOPBACK}[a-z0-9]|\b(?:scp|rsync)\s${SEGMENT}?\s${NOT_LOOPBACK}[a-z0-9][\w-]*(?:\.[\w-]+)+:`,
  },
  {
    id: 'install-from-url',
    risk: 'MEDIUM',
    pattern: String.raw`\b(?:pip3?|python3?\s+-m\s+pip|npm|pnpm|yarn|gem|go)\s+(?:install|add|i|get)\b${SEGMENT}\b(?:git\+)?(?:https?|ftp|ssh)://${NOT_LOOPBACK}`,
  },
];

/** Secrets: keys, password databases, credentials files, the environment's values. */
const SECRETS: SecurityRuleSpec[] = [
  {
    id: 'ssh-keys',
    risk: 'HIGH',
    pattern: String.raw`${HOME}/\.ssh\b|\bid_(?:rsa|dsa|ecdsa|ed25519)\b|/etc/ssh/ssh_host_`,
  },
  {
    id: 'password-database',
    risk: 'HIGH',
    pattern: String.raw`/etc/(?:g?shadow|sudoers|master\.passwd)\b`,
  },
  {
    id: 'private-key-file',
    risk: 'HIGH',
    pattern: String.raw`[\w-]\.(?:pem|p12|pfx|jks)(?=$|[\s'"/;&|)])`,
  },
  {
    id: 'cloud-credentials',
    risk: 'HIGH',
    pattern: String.raw`${HOME}/\.(?:aws|gnupg|kube|azure|config/gcloud|docker/config\.json|netrc|git-credentials|npmrc|pypirc)\b`,
  },
  {
    id: 'credentials-file',
    risk: 'MEDIUM',
    pattern: String.raw`(?:^|[\s/'"=])(?:\.env(?:\.[\w-]+)?|credentials(?:\.\w+)?|secrets?\.(?:json|ya?ml|toml))(?=$|[\s'";&|)])`,
  },
  {
    id: 'environment-dump',
    risk: 'MEDIUM',
    pattern: String.raw`(?:^|[;&|(]\s*|\$\(\s*)(?:env|printenv|set|export\s+-p|declare\s+-x)\s*(?=$|[;&|>)])|/proc/[\w/]*environ\b`,
  },
];

/** The analyzer's rules when `AGENT_SECURITY_RULES` is not set. */
export const DEFAULT_SECURITY_RULES: readonly SecurityRuleSpec[] = [
  ...DESTRUCTIVE,
  ...EGRESS,
  ...SECRETS,
];
