import type { OpenAPIObject, OperationObject, PathItemObject } from '@nestjs/swagger';

export const HTTP_METHODS = [
  'get',
  'put',
  'post',
  'delete',
  'options',
  'head',
  'patch',
  'trace',
] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** One operation of a document, with where it sits. */
export interface Operation {
  path: string;
  method: HttpMethod;
  operation: OperationObject;
}

/** Every operation of the document, in document order. */
export function operationsOf(document: Pick<OpenAPIObject, 'paths'>): Operation[] {
  return Object.entries(document.paths).flatMap(([path, item]: [string, PathItemObject]) =>
    HTTP_METHODS.flatMap((method) => {
      const operation = item[method];
      return operation ? [{ path, method, operation }] : [];
    }),
  );
}
