/** The Dockerfile's final stages, as `docker build --target` and the Runtime API's `target` name them. */
export const TARGETS = ['binary', 'binary-minimal', 'source', 'source-minimal'] as const;
export type Target = (typeof TARGETS)[number];

export function isTarget(value: string): value is Target {
  return (TARGETS as readonly string[]).includes(value);
}

/** One line per target, for --help and the build instructions. */
export const TARGET_SUMMARIES: Readonly<Record<Target, string>> = {
  binary: 'bundle + tmux, git, bash, ps; uid 1000, /workspace',
  'binary-minimal': 'bundle + non-root user only',
  source: 'compiled in the image (needs npm) + the tools',
  'source-minimal': 'compiled in the image (needs npm), no tools',
};
