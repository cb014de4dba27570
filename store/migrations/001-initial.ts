import type { Migration } from './index.js';

/** Accounts, sessions, API tokens, the audit log, sign-in throttling, the delivery log and file metadata. */
export const initial: Migration = {
  version: 1,
  name: 'initial',
  sql: `
CREATE TABLE accounts (
  user_id text PRIMARY KEY,
  password_hash text NOT NULL,
  demo boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sessions (
  id_hash text PRIMARY KEY,
  user_id text NOT NULL,
  csrf_secret text NOT NULL,
  address text,
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  idle_expires_at timestamptz NOT NULL,
  absolute_expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX sessions_user_id ON sessions (user_id);

CREATE TABLE api_tokens (
  id text PRIMARY KEY,
  token_hash text NOT NULL UNIQUE,
  user_id text NOT NULL,
  name text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz,
  revoked_at timestamptz,
  last_used_at timestamptz
);
CREATE INDEX api_tokens_user_id ON api_tokens (user_id);

CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  kind text NOT NULL,
  outcome text NOT NULL,
  actor text,
  subject text,
  address text,
  detail jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_kind_at ON audit_log (kind, at);

CREATE TABLE sign_in_failures (
  scope text NOT NULL CHECK (scope IN ('account', 'address')),
  key text NOT NULL,
  failures integer NOT NULL,
  last_at timestamptz NOT NULL,
  PRIMARY KEY (scope, key)
);

CREATE TABLE deliveries (
  key text PRIMARY KEY,
  channel text NOT NULL CHECK (channel IN ('email', 'webhook')),
  recipient text NOT NULL,
  workflow_id text NOT NULL,
  delivered_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE files (
  id bigserial PRIMARY KEY,
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  name text NOT NULL,
  size bigint NOT NULL CHECK (size >= 0),
  media_type text NOT NULL,
  dossier_id text NOT NULL,
  document_kind text NOT NULL,
  draft integer NOT NULL CHECK (draft >= 1),
  uploaded_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (dossier_id, document_kind, draft, sha256)
);
CREATE INDEX files_sha256 ON files (sha256);
`,
};
