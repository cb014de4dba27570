import { Client, Connection } from '@temporalio/client';
import type { DuyetConfig } from '../temporal.config.js';

/** Connects a Temporal client as the config says. */
export async function connectClient(config: DuyetConfig): Promise<Client> {
  const { address, namespace, tls, apiKey } = config.temporal;
  const connection = await Connection.connect({ address, ...(tls ? { tls } : {}), ...(apiKey ? { apiKey } : {}) });
  return new Client({ connection, namespace });
}
