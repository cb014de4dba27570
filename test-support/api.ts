import { beforeAll } from 'vitest';
import { createApp } from '../api/app.js';
import type { ApiDeps } from '../api/types.js';
import { loadDirectory } from '../directory/directory.js';
import { createToken } from '../store/index.js';
import { useWorkerAndClient } from './cli.js';
import { useTestStore } from './store.js';

/** What a test sends: a method and path, a token (none for an anonymous request), a JSON body or raw text, headers. */
export interface ApiRequest {
  token?: string | undefined;
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
}

/**
 * For one test file: a worker on a task queue of its own (with `extraEnv` besides the test server's), a fresh store, the API built over both (called in
 * process through `app.request`, the same handler a server runs) and a live token for every directory user.
 */
export function useApi(extraEnv: NodeJS.ProcessEnv = {}) {
  const temporal = useWorkerAndClient(extraEnv);
  const store = useTestStore();
  const state: { app?: ReturnType<typeof createApp>; tokens: Record<string, string>; deps?: ApiDeps } = {
    tokens: {},
  };
  beforeAll(async () => {
    const users = loadDirectory(temporal.config.directoryFile);
    state.deps = { client: temporal.client, db: store.db, directory: () => users, config: temporal.config };
    state.app = createApp(state.deps);
    for (const user of users)
      state.tokens[user.id] = (await createToken(store.db, { userId: user.id, name: 'test' })).token;
  });
  const app = () => {
    if (!state.app) throw new Error('the API is built in beforeAll; use it inside a test');
    return state.app;
  };
  return {
    temporal,
    store,
    app,
    get deps(): ApiDeps {
      return state.deps!;
    },
    /** The token of a directory user. */
    token: (userId: string) => {
      const token = state.tokens[userId];
      if (!token) throw new Error(`no token for "${userId}"; expected a user of the directory`);
      return token;
    },
    /** Sends one request and resolves with the status and the parsed body (JSON or problem+json, else text). */
    async call(method: string, path: string, request: ApiRequest = {}) {
      const headers: Record<string, string> = { ...request.headers };
      if (request.token) headers.authorization = `Bearer ${request.token}`;
      let body: string | undefined = request.raw;
      if (request.body !== undefined) body = JSON.stringify(request.body);
      if (body !== undefined) headers['content-type'] ??= 'application/json';
      const response = await app().request(path, { method, headers, ...(body !== undefined ? { body } : {}) });
      const text = await response.text();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      // Tests read answers of many shapes; the typed-client test checks the shapes themselves.
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      return { status: response.status, type: response.headers.get('content-type') ?? '', json: json as any, text };
    },
  };
}
