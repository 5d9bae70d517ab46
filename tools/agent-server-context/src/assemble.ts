import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { runWebpack, WEBPACK_CONFIG } from './bundle';
import { type ContextFile, writeContextArchive } from './context-archive';
import { readRevision, revisionLabel, type Revision } from './revision';
import { agentServerSources, ROOT_FILES } from './source-files';
import { renderTemplate, TEMPLATE_DIR, type TemplateValues } from './templates';
import type { Target } from './targets';

export interface AssembleOptions {
  /** The repo root. */
  root: string;
  target: Target;
  /** Names the archive and the image tag; default the target. */
  tag: string;
  outputDir: string;
  /** Progress lines (stderr). */
  log: (line: string) => void;
}

/** An assembled context, as the upload and the user see it. */
export interface AssembledContext {
  path: string;
  /** `agent-server-<sha7>-<tag>.tar.gz` */
  fileName: string;
  /** `<sha7>-<tag>`: the image tag builds of it get. */
  imageTag: string;
  revision: Revision;
  bytes: number;
}

/** Everything that goes into the archive, the bundle read from `bundleDir`. */
async function contextFiles(
  root: string,
  bundleDir: string,
  sourceFiles: readonly string[],
  values: TemplateValues,
): Promise<ContextFile[]> {
  const rendered = async (name: 'Dockerfile' | 'BUILD_INSTRUCTIONS.md'): Promise<ContextFile> => ({
    path: name,
    source: { content: await renderTemplate(root, name, values) },
  });
  return [
    await rendered('Dockerfile'),
    await rendered('BUILD_INSTRUCTIONS.md'),
    { path: 'binary/agent-server.js', source: { file: join(bundleDir, 'agent-server.js') } },
    ...[...ROOT_FILES, WEBPACK_CONFIG, ...sourceFiles].map((path) => ({
      path,
      source: { file: join(root, path) },
    })),
  ];
}

/**
 * Assembles the agent-server build context: the Dockerfile and BUILD_INSTRUCTIONS.md, the
 * sources and lockfile, and the standalone bundle webpack builds here on the host. Every context
 * carries all of it, so each of the four targets builds from any of them; the target only
 * names the archive and the image tag.
 */
export async function assembleContext(options: AssembleOptions): Promise<AssembledContext> {
  const { root, log } = options;
  const sources = await agentServerSources(root);
  const inputs = [...sources.projects, ...ROOT_FILES, TEMPLATE_DIR, WEBPACK_CONFIG];
  const revision = await readRevision(root, inputs);
  const label = revisionLabel(revision);
  const imageTag = `${label}-${options.tag}`;
  const fileName = `agent-server-${imageTag}.tar.gz`;
  log(`sources: ${sources.projects.join(', ')} (${sources.files.length} files), revision ${label}`);
  await mkdir(options.outputDir, { recursive: true });
  // Each run bundles into its own folder: parallel runs never share a half-written bundle.
  const bundleDir = await mkdtemp(join(options.outputDir, '.bundle-'));
  try {
    log('bundling the agent server with its dependencies (webpack) ...');
    await runWebpack({ root, mode: 'bundle', outputDir: bundleDir });
    const values = { REVISION: label, TARGET: options.target, NAME: fileName, IMAGE_TAG: imageTag };
    const path = join(options.outputDir, fileName);
    await writeContextArchive(
      path,
      await contextFiles(root, bundleDir, sources.files, values),
      revision.commitTime,
    );
    return { path, fileName, imageTag, revision, bytes: (await stat(path)).size };
  } finally {
    await rm(bundleDir, { recursive: true, force: true });
  }
}
