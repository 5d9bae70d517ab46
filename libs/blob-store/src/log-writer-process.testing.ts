/**
 * Test fixture run as a separate process (via tsx): appends `count` lines to a build's log, then
 * closes it. Usage: log-writer-process.testing.ts <root> <buildId> <count>
 */
import { FileBuildLogStore } from './file-build-log-store';

async function main(): Promise<void> {
  const [root, buildId, count] = process.argv.slice(2);
  if (root === undefined || buildId === undefined || count === undefined) {
    throw new Error('usage: <root> <buildId> <count>');
  }
  const store = new FileBuildLogStore({ root });
  for (let i = 1; i <= Number(count); i++) await store.append(buildId, `child line ${i}`);
  await store.close(buildId);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
