import { describe, expect, it } from 'vitest';
import { loadConfig } from '../temporal.config.js';

describe('temporal.config', () => {
  it('defaults to the embedded server', () => {
    const config = loadConfig({});
    expect(config.temporal).toMatchObject({
      address: '127.0.0.1:7233',
      namespace: 'default',
      taskQueue: 'duyet',
      tls: undefined,
      apiKey: undefined,
    });
  });

  it('turns TLS on for an API key and reads namespace and queue', () => {
    const config = loadConfig({
      TEMPORAL_ADDRESS: 'ns.acct.tmprl.cloud:7233',
      TEMPORAL_NAMESPACE: 'ns.acct',
      TEMPORAL_API_KEY: 'k',
      TEMPORAL_TASK_QUEUE: 'q',
    });
    expect(config.temporal).toMatchObject({
      address: 'ns.acct.tmprl.cloud:7233',
      namespace: 'ns.acct',
      taskQueue: 'q',
      apiKey: 'k',
      tls: {},
    });
  });

  it('names what was expected when a variable is wrong', () => {
    expect(() => loadConfig({ TEMPORAL_ADDRESS: 'localhost' })).toThrow('expected host:port, e.g. 127.0.0.1:7233');
    expect(() => loadConfig({ TEMPORAL_TLS_CERT: '/c.pem' })).toThrow(
      'TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY go together',
    );
  });

  it('gives a worker 1024 MiB for cached workflows unless DUYET_WORKER_CACHE_MIB says otherwise', () => {
    expect(loadConfig({}).workerCacheMiB).toBe(1024);
    expect(loadConfig({ DUYET_WORKER_CACHE_MIB: '4096' }).workerCacheMiB).toBe(4096);
    expect(() => loadConfig({ DUYET_WORKER_CACHE_MIB: 'lots' })).toThrow('expected a number of MiB, e.g. 1024');
  });
});
