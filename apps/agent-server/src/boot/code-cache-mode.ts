/**
 * `AGENT_SERVER_CODE_CACHE`: `auto` uses the V8 code cache next to app.js and, when there is none
 * that fits, saves one once the server listens (where that folder is writable); `off` compiles
 * app.js from source every time (to rule the cache out when debugging).
 *
 * Dependency-free: the loader reads it before anything else is loaded.
 */
export const CODE_CACHE_MODES = ['auto', 'off'] as const;
export type CodeCacheMode = (typeof CODE_CACHE_MODES)[number];

export function parseCodeCacheMode(value: string | undefined): CodeCacheMode | undefined {
  if (value === undefined || value === '') return 'auto';
  return CODE_CACHE_MODES.find((mode) => mode === value);
}
