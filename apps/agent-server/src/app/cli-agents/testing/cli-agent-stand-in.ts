import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * A stand-in for an AI CLI, for tests: it greets, answers every prompt line with a marker,
 * exits with 3 on "quit" and says BYE at end of input (Ctrl-D).
 */
export const STAND_IN_SCRIPT = `#!/bin/bash
echo "STAND-IN READY in $PWD"
while IFS= read -r line; do
  [ "$line" = quit ] && exit 3
  echo "ANSWER<$line>"
done
echo BYE
`;

/** Writes the stand-in as an executable `stand-in.sh` in `dir`; answers its path. */
export async function writeStandIn(dir: string): Promise<string> {
  const path = join(dir, 'stand-in.sh');
  await writeFile(path, STAND_IN_SCRIPT);
  await chmod(path, 0o755);
  return path;
}
