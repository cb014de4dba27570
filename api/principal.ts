import type { User } from '../directory/directory.js';

/**
 * Who is calling, however they proved it: a bearer token or a browser session. Every handler reads this one
 * value (`c.get('principal')`) and never the credentials.
 */
export interface Principal {
  user: User;
  via: 'token' | 'session';
  /** The token's or the session's id for the audit log (never the secret itself). */
  credentialId: string;
  /** Set when `via` is `session`: what sign-out and CSRF checks need. */
  session?: {
    /** The session id from the cookie: only its hash is stored, and it is needed to end the session. */
    id: string;
    csrfSecret: string;
    idleExpiresAt: Date;
    absoluteExpiresAt: Date;
  };
}

/** The Hono environment of every authenticated route: `principal` is set once the caller is known. */
export interface AuthEnv {
  Variables: { principal?: Principal };
}

/** The directory user as the API shows it (no unit or other fields); pure. */
export const publicUser = (user: User) => ({ id: user.id, name: user.name, email: user.email, roles: user.roles });
