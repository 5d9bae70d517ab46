import { createZodDto } from 'nestjs-zod';
import type { z } from 'zod';

/**
 * A Nest DTO class for a contracts schema: validated by the global pipe, documented in OpenAPI.
 * The schema is cloned first because a root `.meta({ id })` (set on the contracts' main entity
 * schemas) makes nestjs-zod, with zod >= 4.5, document the DTO as a component that refers to
 * itself and then refuse the whole document at boot; the clone drops only the root id.
 */
export function contractDto<S extends z.ZodType>(schema: S) {
  return createZodDto(schema.clone());
}

/**
 * A DTO for a schema no class can extend (a union, an array), named explicitly: unnamed, its
 * OpenAPI component would be nestjs-zod's default `AugmentedZodDto_Output`, shared by all such.
 */
export function namedContractDto<S extends z.ZodType>(schema: S, name: string) {
  return Object.defineProperty(contractDto(schema), 'name', { value: name });
}
