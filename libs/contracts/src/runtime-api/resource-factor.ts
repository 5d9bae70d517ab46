import { z } from 'zod';

/** The resource factors a runtime may ask for: multiples of one base CPU/memory unit. */
export const RESOURCE_FACTORS = [1, 2, 4, 8] as const;

/**
 * `resource_factor` on the wire: a JSON number, one of {@link RESOURCE_FACTORS}. Warm pools are
 * keyed by (image, resource_factor), so arbitrary factors would never match a pool.
 */
export const ResourceFactorSchema = z.literal(RESOURCE_FACTORS);
export type ResourceFactor = z.infer<typeof ResourceFactorSchema>;
