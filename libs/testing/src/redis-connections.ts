import Redis from 'ioredis';

/** Cuts one named Redis connection server-side, as a Redis restart or a network cut would. */
export async function killRedisConnection(redisUrl: string, connectionName: string): Promise<void> {
  const admin = new Redis(redisUrl);
  try {
    const clients = (await admin.client('LIST')) as string;
    const line = clients.split('\n').find((entry) => entry.includes(` name=${connectionName} `));
    const id = line?.match(/^id=(\d+)/)?.[1];
    if (!id) throw new Error(`no Redis connection named ${connectionName}`);
    await admin.client('KILL', 'ID', id);
  } finally {
    admin.disconnect();
  }
}
