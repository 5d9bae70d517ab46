import { runToolOk } from './run-tool';

const lines = (out: string) => out.split('\n').filter(Boolean);

/** Ids of containers (running or not) carrying every one of these labels (`key=value`). */
export async function containersLabelled(...labels: string[]): Promise<string[]> {
  const filters = labels.flatMap((label) => ['--filter', `label=${label}`]);
  return lines(await runToolOk('docker', ['ps', '-aq', ...filters]));
}

/** Names of volumes carrying every one of these labels. */
export async function volumesLabelled(...labels: string[]): Promise<string[]> {
  const filters = labels.flatMap((label) => ['--filter', `label=${label}`]);
  return lines(await runToolOk('docker', ['volume', 'ls', '-q', ...filters]));
}

/** Names of networks carrying this label. */
export async function networksLabelled(label: string): Promise<string[]> {
  return lines(await runToolOk('docker', ['network', 'ls', '-q', '--filter', `label=${label}`]));
}

/** `docker inspect -f <template>` of one object. */
export async function inspect(id: string, template: string): Promise<string> {
  return (await runToolOk('docker', ['inspect', '-f', template, id])).trim();
}

/** Local images whose reference matches `pattern` (e.g. `127.0.0.1:5000/agentrt/*`). */
export async function imagesMatching(pattern: string): Promise<string[]> {
  const out = await runToolOk('docker', [
    'images',
    '--filter',
    `reference=${pattern}`,
    '--format',
    '{{.Repository}}:{{.Tag}}',
  ]);
  return lines(out);
}
