import type { FilePathQuery } from '@agentrt/contracts';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

/**
 * The older path form, `/api/file/download/{abs_path}`: the rest of the URL path after
 * `prefix`, percent-decoded, as a {@link FilePathQuery} so the same schema validates it. Both
 * `/download//workspace/a.txt` and `/download/%2Fworkspace%2Fa.txt` give `/workspace/a.txt`.
 */
export const PathAfter = createParamDecorator(
  (prefix: string, context: ExecutionContext): FilePathQuery => {
    const { path } = context.switchToHttp().getRequest<Request>();
    const rest = path.startsWith(prefix) ? path.slice(prefix.length) : '';
    return { path: decoded(rest) };
  },
);

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text; // not valid percent-encoding: judged as typed (relative, or not found)
  }
}
