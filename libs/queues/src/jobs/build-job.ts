import { z } from 'zod';

/**
 * Payload of a build job: the build's id, the stored context's digest and the options. Never
 * the context itself and never secrets; the build record in Redis is the authority on status.
 */
export const BuildJobDataSchema = z.object({
  build_id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/),
  context_digest: z.string().regex(/^sha256:[0-9a-f]{64}$/),
  options: z.object({
    tags: z.array(z.string().min(1)).min(1),
    dockerfile: z.string().min(1),
    target: z.string().min(1).optional(),
    build_args: z.record(z.string(), z.string()),
  }),
});
export type BuildJobData = z.infer<typeof BuildJobDataSchema>;

/** The parts of a build record a job is made from (structurally, so no lib depends on another). */
export interface BuildJobSource {
  id: string;
  contextDigest: string;
  options: {
    tags: string[];
    dockerfile: string;
    target?: string;
    buildArgs: Record<string, string>;
  };
}

/** The job payload for a build: its id, the context digest and the options, nothing else. */
export function buildJobDataOf(build: BuildJobSource): BuildJobData {
  const { tags, dockerfile, target, buildArgs } = build.options;
  return {
    build_id: build.id,
    context_digest: build.contextDigest,
    options: { tags, dockerfile, ...(target ? { target } : {}), build_args: buildArgs },
  };
}
