import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Where the context's Dockerfile and BUILD_INSTRUCTIONS.md templates live in the repo. */
export const TEMPLATE_DIR = 'tools/agent-server-context/context';

export type TemplateValues = Record<'REVISION' | 'TARGET' | 'NAME' | 'IMAGE_TAG', string>;

/** Reads a template and fills its `{{NAME}}` placeholders; an unknown one is a bug, not text. */
export async function renderTemplate(
  root: string,
  name: 'Dockerfile' | 'BUILD_INSTRUCTIONS.md',
  values: TemplateValues,
): Promise<string> {
  const text = await readFile(join(root, TEMPLATE_DIR, name), 'utf8');
  return text.replace(/\{\{(\w+)\}\}/g, (_match, key: string) => {
    if (!Object.hasOwn(values, key)) throw new Error(`${name}: unknown placeholder {{${key}}}`);
    return values[key as keyof TemplateValues];
  });
}
