import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'agentrt:public';

/** Marks a route that needs no credentials (health, OpenAPI); every other route is guarded. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
