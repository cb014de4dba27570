import { Client, Connection } from '@temporalio/client';
import { loadConfig, type DuyetConfig } from '../temporal.config.js';

/** Connects a Temporal client as the config says. */
export async function connectClient(config: DuyetConfig): Promise<Client> {
  const { address, namespace, tls, apiKey } = config.temporal;
  const connection = await Connection.connect({ address, ...(tls ? { tls } : {}), ...(apiKey ? { apiKey } : {}) });
  return new Client({ namespace, connection });
}

/** Runs one operation with a client connected as the environment says, and closes the connection after. */
export async function withClient<T>(
  fn: (client: Client, config: DuyetConfig) => Promise<T>,
  config: DuyetConfig = loadConfig(),
): Promise<T> {
  const client = await connectClient(config);
  try {
    return await fn(client, config);
  } finally {
    await client.connection.close();
  }
}
