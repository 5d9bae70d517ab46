import { z } from 'zod';
import { isoTimestamp } from '../common/lenient-input';

/** Response of `GET /registry_prefix`: where built images are pushed, e.g. `localhost:5000/agentrt`. */
export const RegistryPrefixResponseSchema = z.object({
  registry_prefix: z.string(),
});
export type RegistryPrefixResponse = z.infer<typeof RegistryPrefixResponseSchema>;

/** Query of `GET /image_exists`. */
export const ImageExistsQuerySchema = z.object({
  image: z.string().trim().min(1, { error: 'image must not be empty' }),
});
export type ImageExistsQuery = z.infer<typeof ImageExistsQuerySchema>;

/** The `image` part of an `/image_exists` answer. */
export const ImageInfoSchema = z.object({
  upload_time: isoTimestamp(),
  image_size_bytes: z.number().int().nonnegative(),
});
export type ImageInfo = z.infer<typeof ImageInfoSchema>;

/**
 * Response of `GET /image_exists`. Build scripts read `image.upload_time` and
 * `image.image_size_bytes` as soon as `exists` is true, so they are required then.
 */
export const ImageExistsResponseSchema = z
  .discriminatedUnion('exists', [
    z.object({ exists: z.literal(true), image: ImageInfoSchema }),
    z.object({ exists: z.literal(false) }),
  ])
  .meta({ id: 'ImageExistsResponse' });
export type ImageExistsResponse = z.infer<typeof ImageExistsResponseSchema>;
