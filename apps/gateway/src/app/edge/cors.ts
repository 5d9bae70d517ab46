import type {
  CorsOptions,
  CorsOptionsDelegate,
} from '@nestjs/common/interfaces/external/cors-options.interface';
import type { Request } from 'express';

/** Headers a browser app may read: the request id to quote, limits, and who served it. */
const EXPOSED_HEADERS = ['X-Request-Id', 'Retry-After', 'X-Routed-To'];

/**
 * CORS from `CORS_ORIGINS`: an explicitly listed origin is echoed and may send credentials
 * (cookies, Authorization); `*` lets any other origin in without credentials (browsers refuse
 * `*` with credentials anyway); an unlisted origin gets no CORS headers. Preflights are answered
 * here (204), before authentication, since browsers send them without credentials.
 */
export function corsPolicy(origins: readonly string[]): CorsOptionsDelegate<Request> {
  const explicit = new Set(origins.filter((origin) => origin !== '*'));
  const anyOrigin = origins.includes('*');
  const shared: CorsOptions = { exposedHeaders: EXPOSED_HEADERS, maxAge: 600 };
  return (req, callback) => {
    const origin = req.headers.origin;
    if (origin !== undefined && explicit.has(origin)) {
      callback(null, { ...shared, origin, credentials: true });
    } else if (anyOrigin) {
      // With listed origins too, the answer depends on Origin: echoing it makes `cors` add
      // `Vary: Origin`, so a shared cache never hands one origin's answer to another.
      const echoed = explicit.size > 0 && origin !== undefined ? origin : '*';
      callback(null, { ...shared, origin: echoed, credentials: false });
    } else {
      callback(null, { origin: false });
    }
  };
}
