/**
 * Runtime ids are 20 lowercase hex characters: valid in container, pod and DNS names, and easy
 * for the runtime proxy (runtime-api's and the gateway's) to tell apart from the apps' own routes
 * (`/start`, `/list`, `/api/...`). Never ends in `-<digits>`, which work hosts use.
 */
export const RUNTIME_ID_PATTERN = /^[0-9a-f]{20}$/;
