import { Client, Connection } from '@temporalio/client';
import { loadConfig, type DuyetConfig } from '../temporal.config.js';
import { RequestError } from './errors.js';
import { toRequestError, unavailableMessage } from './failures.js';

/** How long a face waits for Temporal to answer before saying it is not reachable. */
export const connectTimeoutMs = 3_000;

/** Connects a Temporal client as the config says; an unreachable server is a RequestError of kind `unavailable`. */
export async function connectClient(config: DuyetConfig): Promise<Client> {
  const { address, namespace, tls, apiKey } = config.temporal;
  try {
    const connection = await Connection.connect({
      address,
      connectTimeout: connectTimeoutMs,
      ...(tls ? { tls } : {}),
      ...(apiKey ? { apiKey } : {}),
    });
    return new Client({ namespace, connection });
  } catch (err) {
    const mapped = toRequestError(err, { address });
    if (mapped instanceof RequestError && mapped.kind !== 'unavailable') throw mapped;
    throw new RequestError(unavailableMessage(address, `no answer within ${connectTimeoutMs / 1000} s`), {
      kind: 'unavailable',
      cause: err,
    });
  }
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
