/** The agentrt release these apps belong to; a unit test keeps it equal to package.json. */
export const AGENTRT_VERSION = '0.1.0';
