import { createZodValidationPipe } from 'nestjs-zod';

/**
 * The one strict global pipe: every DTO made with `createZodDto(<contracts schema>)` is parsed by
 * its schema; failures become `validation_failed` error bodies in the global filter.
 */
export const ContractValidationPipe = createZodValidationPipe();
