import type { User } from '../directory/directory.js';
import { DEFAULT_THROTTLE, type Queryable, type SessionLifetime, type ThrottlePolicy } from '../store/index.js';
import type { DuyetConfig } from '../temporal.config.js';
import type { OidcSettings } from './oidc.client.js';
import type { RequestTrust } from './request-info.js';

/** What sign-in, sessions and CSRF checks need: the store, the directory and the rules from the configuration. */
export interface AuthDeps extends RequestTrust {
  db: Queryable;
  users: readonly User[];
  /** Idle and absolute lifetime of browser sessions. */
  lifetime: SessionLifetime;
  throttle: ThrottlePolicy;
  /** Sign-in with an OpenID Connect provider; absent, `/auth/oidc/*` answer 404. */
  oidc: OidcSettings | undefined;
  /** The clock sessions and sign-ins are judged by (tests move it). */
  now: () => Date;
}

/** The dependencies of the auth routes from the configuration, over an open store and a loaded directory; pure. */
export function authDepsFrom(config: DuyetConfig, db: Queryable, users: readonly User[]): AuthDeps {
  return {
    db,
    users,
    lifetime: config.auth.session,
    throttle: DEFAULT_THROTTLE,
    trustProxy: config.auth.trustProxy,
    oidc: config.auth.oidc,
    now: () => new Date(),
  };
}
