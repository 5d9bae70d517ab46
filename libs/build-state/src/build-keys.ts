/** Redis key layout of the build store, relative to the client's deployment prefix. */
export const buildKeys = {
  record: (id: string) => `build:rec:${id}`,
  active: 'build:active',
  owner: (owner: string) => `build:owner:${owner}`,
  cache: (cacheKey: string) => `build:cache:${cacheKey}`,
  /** A channel name: ioredis prefixes keys but not channels, so the store adds the prefix. */
  cancelChannel: 'build:cancel',
};
