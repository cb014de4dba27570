import { afterAll, beforeAll } from 'vitest';
import { listen, type ApiServer } from '../api/server.js';
import { useApi, type ApiRequest } from './api.js';
import { untilPolled } from './pollers.js';

/** A response as a test reads it: the status, the content type, the parsed JSON (if any) and the text. */
export interface ApiResponse {
  status: number;
  type: string;
  // Tests read answers of many shapes; the typed-client test checks the shapes themselves.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
  text: string;
}

/**
 * For one test file: everything {@link useApi} gives, and the API listening on a free loopback port, called over
 * HTTP with `fetch` exactly as a client on the network calls it; the worker has polled its queue before any test.
 */
export function useApiServer(extraEnv: NodeJS.ProcessEnv = {}) {
  const api = useApi(extraEnv);
  let server: ApiServer | undefined;
  beforeAll(async () => {
    server = await listen(api.deps, { host: '127.0.0.1', port: 0 });
    await untilPolled(api.temporal.client, api.temporal.config.temporal.taskQueue);
  });
  afterAll(async () => {
    await server?.close();
  });
  const url = () => {
    if (!server) throw new Error('the server listens from beforeAll; use it inside a test');
    return server.url;
  };
  return {
    temporal: api.temporal,
    store: api.store,
    token: api.token,
    get deps() {
      return api.deps;
    },
    url,
    /** Sends one request over HTTP and resolves with the status and the parsed body (JSON or problem+json, else text). */
    async call(method: string, path: string, request: ApiRequest = {}): Promise<ApiResponse> {
      const headers: Record<string, string> = { ...request.headers };
      if (request.token) headers.authorization = `Bearer ${request.token}`;
      const body = request.body !== undefined ? JSON.stringify(request.body) : request.raw;
      if (body !== undefined) headers['content-type'] ??= 'application/json';
      const response = await fetch(`${url()}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
      const text = await response.text();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      return { status: response.status, type: response.headers.get('content-type') ?? '', json, text };
    },
  };
}
