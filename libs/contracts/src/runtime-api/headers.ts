/** Header carrying the Runtime API key on every call except `/health` (runtime-api.md, Auth). */
export const RUNTIME_API_KEY_HEADER = 'X-API-Key';
