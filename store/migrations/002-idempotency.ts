import type { Migration } from './index.js';

/** The dossier each `Idempotency-Key` started, per user, so a retried start returns the same dossier. */
export const idempotency: Migration = {
  version: 2,
  name: 'idempotency',
  sql: `
CREATE TABLE idempotency_keys (
  user_id text NOT NULL,
  key text NOT NULL,
  request_hash text NOT NULL,
  workflow_id text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, key)
);
`,
};
