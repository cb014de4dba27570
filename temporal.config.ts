import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The package root: the folder holding package.json, whether running from source or from dist/. */
export const packageRoot = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      readFileSync(resolve(dir, 'package.json'));
      return dir;
    } catch {
      const parent = dirname(dir);
      if (parent === dir) throw new Error('duyet: cannot find package.json above ' + fileURLToPath(import.meta.url));
      dir = parent;
    }
  }
})();

const flag = z
  .enum(['true', 'false', '1', '0', ''])
  .default('')
  .transform((v) => v === 'true' || v === '1');

const Env = z.object({
  TEMPORAL_ADDRESS: z
    .string()
    .regex(/^[^:\s]+:\d+$/, 'expected host:port, e.g. 127.0.0.1:7233')
    .default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('duyet'),
  TEMPORAL_TLS: flag,
  TEMPORAL_TLS_CERT: z.string().optional(),
  TEMPORAL_TLS_KEY: z.string().optional(),
  TEMPORAL_TLS_SERVER_NAME: z.string().optional(),
  TEMPORAL_API_KEY: z.string().optional(),
  /** A Temporal CLI binary to use instead of looking one up. */
  TEMPORAL_CLI: z.string().optional(),
  TEMPORAL_UI_PORT: z.coerce.number().int().positive().default(8233),
  /** Where the embedded server keeps its SQLite file and duyet its tools. */
  DUYET_STATE_DIR: z.string().default(resolve(packageRoot, '.temporal')),
  DUYET_TOOLS_DIR: z.string().default(resolve(packageRoot, '.tools')),
  /** The user directory: a JSON file of [{id, name, email, roles}]. */
  DUYET_DIRECTORY: z.string().default(resolve(packageRoot, 'directory', 'users.json')),
  /** The unit directory: a JSON file of [{id, name, shortNames, spellings, parent, kind}]. */
  DUYET_UNITS: z.string().default(resolve(packageRoot, 'directory', 'units.json')),
  /** A folder of delegation rule sets as JSON files, beside the shipped ones. */
  DUYET_RULE_SETS_DIR: z.string().optional(),
  /** The folder of announced days off and swapped working days, one YYYY.json per year. */
  DUYET_CALENDAR_DIR: z.string().default(resolve(packageRoot, 'calendar', 'data')),
  DUYET_SMTP_URL: z
    .url({ protocol: /^smtps?$/, error: 'expected an smtp:// or smtps:// URL, e.g. smtp://127.0.0.1:2525' })
    .optional(),
  DUYET_MAIL_FROM: z.string().min(3).default('duyet <duyet@localhost>'),
  DUYET_WEBHOOK_URL: z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' }).optional(),
  DUYET_WEBHOOK_SECRET: z.string().min(16, 'expected a secret of at least 16 characters').optional(),
  /** A PostgreSQL server for every process; without it, the embedded store `duyet dev` starts. */
  DUYET_DATABASE_URL: z
    .url({
      protocol: /^postgres(ql)?$/,
      error: 'expected a postgres:// URL, e.g. postgres://duyet:secret@db.internal:5432/duyet',
    })
    .optional(),
  /** Connections each process keeps open to the store. */
  DUYET_DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(5),
  /** The loopback port of the embedded store; 0 picks a free one. */
  DUYET_STORE_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  /** When set, the CLI's `--as` is refused: decisions come from authenticated users only. */
  DUYET_REQUIRE_AUTH: flag,
  /** Where `duyet serve` listens; anything but loopback needs real passwords (no demo password left). */
  DUYET_HTTP_HOST: z.string().min(1).default('127.0.0.1'),
  /** The HTTP port; 0 picks a free one. */
  DUYET_HTTP_PORT: z.coerce
    .number({ error: 'expected a port number, e.g. 8080' })
    .int()
    .min(0)
    .max(65535)
    .default(8080),
  /** How long a worker waits for Temporal to answer at start before it gives up, in seconds. */
  DUYET_WORKER_CONNECT_WAIT: z.coerce
    .number({ error: 'expected a number of seconds, e.g. 120' })
    .int()
    .positive()
    .default(120),
  /** Memory a worker may spend on the workflows it keeps cached, in MiB; its cache size follows from it. */
  DUYET_WORKER_CACHE_MIB: z.coerce.number({ error: 'expected a number of MiB, e.g. 1024' }).int().min(16).default(1024),
  /** A browser session ends after this many minutes without a request... */
  DUYET_SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(8 * 60),
  /** ...and this many hours after sign-in, whatever the activity. */
  DUYET_SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 31)
    .default(12),
  /** Believe X-Forwarded-Proto, -For and -Host from the reverse proxy in front of the HTTP server. */
  DUYET_TRUST_PROXY: flag,
  DUYET_OIDC_ISSUER: z
    .url({ protocol: /^https?$/, error: 'expected the OpenID Connect issuer URL, e.g. https://id.example.gov.vn' })
    .optional(),
  DUYET_OIDC_CLIENT_ID: z.string().min(1).optional(),
  DUYET_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  DUYET_OIDC_REDIRECT_URI: z
    .url({
      protocol: /^https?$/,
      error: 'expected the callback URL registered with the provider, e.g. https://duyet.example/auth/oidc/callback',
    })
    .optional(),
  /** The ID token claim whose value is a directory user's id or email. */
  DUYET_OIDC_USER_CLAIM: z
    .string()
    .regex(/^[\w.:-]+$/, 'expected a claim name, e.g. preferred_username or email')
    .default('preferred_username'),
  DUYET_OIDC_SCOPES: z.string().min(1).default('openid profile email'),
});

/** Checks between variables, reported as zod issues on the variable to fix. */
const CheckedEnv = Env.superRefine((e, ctx) => {
  if (e.DUYET_SESSION_IDLE_MINUTES > e.DUYET_SESSION_MAX_HOURS * 60) {
    ctx.addIssue({
      code: 'custom',
      path: ['DUYET_SESSION_IDLE_MINUTES'],
      message: `expected an idle time no longer than DUYET_SESSION_MAX_HOURS (${e.DUYET_SESSION_MAX_HOURS} h)`,
    });
  }
  const oidc = ['DUYET_OIDC_CLIENT_ID', 'DUYET_OIDC_REDIRECT_URI'] as const;
  if (e.DUYET_OIDC_ISSUER) {
    for (const name of oidc) {
      if (!e[name]) ctx.addIssue({ code: 'custom', path: [name], message: `DUYET_OIDC_ISSUER needs ${name} too` });
    }
    if (new URL(e.DUYET_OIDC_ISSUER).protocol === 'http:' && !isLoopbackUrl(e.DUYET_OIDC_ISSUER)) {
      ctx.addIssue({
        code: 'custom',
        path: ['DUYET_OIDC_ISSUER'],
        message: 'expected an https:// issuer (plain http is allowed on loopback only, for tests)',
      });
    }
  } else {
    for (const name of [...oidc, 'DUYET_OIDC_CLIENT_SECRET'] as const) {
      if (e[name]) ctx.addIssue({ code: 'custom', path: [name], message: `${name} needs DUYET_OIDC_ISSUER too` });
    }
  }
});

/** Whether a URL's host is the loopback interface; pure. */
const isLoopbackUrl = (url: string) => /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i.test(new URL(url).hostname);

/** Where Temporal is and how to reach it, plus duyet's own local paths. */
export interface DuyetConfig {
  temporal: {
    address: string;
    namespace: string;
    taskQueue: string;
    tls: { clientCertPair?: { crt: Buffer; key: Buffer }; serverNameOverride?: string } | undefined;
    apiKey: string | undefined;
    cli: string | undefined;
    uiPort: number;
  };
  stateDir: string;
  toolsDir: string;
  directoryFile: string;
  unitsFile: string;
  ruleSetsDir: string | undefined;
  calendarDir: string;
  /** DUYET_REQUIRE_AUTH: the CLI's `--as` is refused. */
  requireAuth: boolean;
  /** How long a worker waits for Temporal at start, in seconds. */
  workerConnectWaitSeconds: number;
  /** Memory a worker may spend on cached workflows, in MiB (`DUYET_WORKER_CACHE_MIB`). */
  workerCacheMiB: number;
  /** Where the HTTP API listens (`DUYET_HTTP_HOST`, `DUYET_HTTP_PORT`). */
  http: { host: string; port: number };
  notify: {
    smtpUrl: string | undefined;
    mailFrom: string;
    webhook: { url: string; secret: string } | undefined;
  };
  store: {
    /** `DUYET_DATABASE_URL`: a PostgreSQL server; undefined means the embedded store. */
    url: string | undefined;
    poolSize: number;
    /** The embedded store: its port (0 = free) and its data folder under the state folder. */
    embedded: { port: number; dataDir: string };
  };
  auth: {
    /** Browser sessions: idle and absolute lifetimes, in seconds. */
    session: { idleSeconds: number; absoluteSeconds: number };
    /** Whether X-Forwarded-Proto/-For from a reverse proxy are believed (cookie Secure flag, client address). */
    trustProxy: boolean;
    /** Sign-in with an OpenID Connect provider, when `DUYET_OIDC_ISSUER` is set. */
    oidc:
      | {
          issuer: string;
          clientId: string;
          /** Absent for a public client (PKCE only). */
          clientSecret: string | undefined;
          redirectUri: string;
          userClaim: string;
          scopes: string;
        }
      | undefined;
  };
}

/**
 * The environment this process inherited with `overrides` on top: what a child process gets, and where PATH and
 * switches outside duyet's configuration are read. Every other reader takes a {@link DuyetConfig}.
 */
export function inheritedEnv(overrides: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...process.env, ...overrides };
}

/** Reads the configuration from the environment, validated with zod; the only reader of process.env. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): DuyetConfig {
  const parsed = CheckedEnv.safeParse(env);
  if (!parsed.success) throw new Error(`invalid environment:\n${z.prettifyError(parsed.error)}`);
  const e = parsed.data;
  if (Boolean(e.TEMPORAL_TLS_CERT) !== Boolean(e.TEMPORAL_TLS_KEY)) {
    throw new Error(
      'invalid environment: TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY go together (paths to the client certificate and key)',
    );
  }
  if (e.DUYET_WEBHOOK_URL && !e.DUYET_WEBHOOK_SECRET) {
    throw new Error(
      'invalid environment: DUYET_WEBHOOK_URL needs DUYET_WEBHOOK_SECRET, the key webhooks are signed with',
    );
  }
  const mtls = e.TEMPORAL_TLS_CERT && e.TEMPORAL_TLS_KEY;
  return {
    temporal: {
      address: e.TEMPORAL_ADDRESS,
      namespace: e.TEMPORAL_NAMESPACE,
      taskQueue: e.TEMPORAL_TASK_QUEUE,
      tls:
        e.TEMPORAL_TLS || mtls || e.TEMPORAL_API_KEY
          ? {
              ...(mtls
                ? {
                    clientCertPair: { crt: readFileSync(e.TEMPORAL_TLS_CERT!), key: readFileSync(e.TEMPORAL_TLS_KEY!) },
                  }
                : {}),
              ...(e.TEMPORAL_TLS_SERVER_NAME ? { serverNameOverride: e.TEMPORAL_TLS_SERVER_NAME } : {}),
            }
          : undefined,
      apiKey: e.TEMPORAL_API_KEY,
      cli: e.TEMPORAL_CLI,
      uiPort: e.TEMPORAL_UI_PORT,
    },
    stateDir: e.DUYET_STATE_DIR,
    toolsDir: e.DUYET_TOOLS_DIR,
    directoryFile: e.DUYET_DIRECTORY,
    unitsFile: e.DUYET_UNITS,
    ruleSetsDir: e.DUYET_RULE_SETS_DIR,
    calendarDir: e.DUYET_CALENDAR_DIR,
    requireAuth: e.DUYET_REQUIRE_AUTH,
    workerConnectWaitSeconds: e.DUYET_WORKER_CONNECT_WAIT,
    workerCacheMiB: e.DUYET_WORKER_CACHE_MIB,
    http: { host: e.DUYET_HTTP_HOST, port: e.DUYET_HTTP_PORT },
    notify: {
      smtpUrl: e.DUYET_SMTP_URL,
      mailFrom: e.DUYET_MAIL_FROM,
      webhook: e.DUYET_WEBHOOK_URL ? { url: e.DUYET_WEBHOOK_URL, secret: e.DUYET_WEBHOOK_SECRET! } : undefined,
    },
    store: {
      url: e.DUYET_DATABASE_URL,
      poolSize: e.DUYET_DATABASE_POOL_SIZE,
      embedded: { port: e.DUYET_STORE_PORT, dataDir: resolve(e.DUYET_STATE_DIR, 'store') },
    },
    auth: {
      session: { idleSeconds: e.DUYET_SESSION_IDLE_MINUTES * 60, absoluteSeconds: e.DUYET_SESSION_MAX_HOURS * 3600 },
      trustProxy: e.DUYET_TRUST_PROXY,
      oidc: e.DUYET_OIDC_ISSUER
        ? {
            issuer: e.DUYET_OIDC_ISSUER,
            clientId: e.DUYET_OIDC_CLIENT_ID!,
            clientSecret: e.DUYET_OIDC_CLIENT_SECRET,
            redirectUri: e.DUYET_OIDC_REDIRECT_URI!,
            userClaim: e.DUYET_OIDC_USER_CLAIM,
            scopes: e.DUYET_OIDC_SCOPES,
          }
        : undefined,
    },
  };
}
