import type { OpenAPIHono, RouteConfig, RouteHandler } from '@hono/zod-openapi';
import type { Client } from '@temporalio/client';
import type { User } from '../directory/directory.js';
import type { FileStore, Queryable } from '../store/index.js';
import type { DuyetConfig } from '../temporal.config.js';
import type { Principal } from './principal.js';

export type { Principal };

/** What the API is built from; tests pass real parts, `duyet serve` the configured ones. */
export interface ApiDeps {
  /** A Temporal client on the configured namespace. */
  client: Client;
  /** The store (a pool, or anything that runs queries). */
  db: Queryable;
  /** The user directory: who exists and which roles they hold. */
  directory: () => User[];
  config: DuyetConfig;
  /** Where draft files are kept; a folder `files` under the state dir when not given. */
  files?: FileStore;
}

/** The Hono environment of every route: its dependencies, the principal and the client's address. */
export interface AppEnv {
  Variables: {
    deps: ApiDeps;
    principal: Principal;
    address: string | undefined;
    /** The decision a request asks for, kept for the audit of a refusal. */
    decision: { workflowId: string; event: string; onBehalfOf: string | null };
  };
}

/** A router of one resource. */
export type AppRouter = OpenAPIHono<AppEnv>;

/** The handler of one route contract. */
export type AppRouteHandler<R extends RouteConfig> = RouteHandler<R, AppEnv>;
