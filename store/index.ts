export type { Queryable, Store } from './db.js';
export { embeddedUrlFile, inTransaction, openStore, redactUrl, storeUrl, withStore } from './db.js';
export { migrate } from './migrate.js';
export type { Migration } from './migrations/index.js';
export { migrations } from './migrations/index.js';
export type { Result } from './result.js';
export { secretHash } from './result.js';
export { hashPassword, verifyPasswordHash } from './passwords.js';
export {
  assertServableOn,
  DEMO_PASSWORD,
  demoAccounts,
  isLoopbackHost,
  MIN_PASSWORD_LENGTH,
  setDemoPasswords,
  setPassword,
  verifyPassword,
} from './accounts.js';
export type { Session, SessionLifetime, SessionRefusal } from './sessions.js';
export {
  createSession,
  DEFAULT_SESSION_LIFETIME,
  purgeSessions,
  revokeSession,
  revokeUserSessions,
  touchSession,
} from './sessions.js';
export type { ApiToken, TokenRefusal } from './tokens.js';
export { createToken, listTokens, revokeToken, TOKEN_PREFIX, verifyToken } from './tokens.js';
export type { AuditEntry, AuditKind, AuditRecord } from './audit.js';
export { listAudit, recordAudit } from './audit.js';
export type { SignInAttempt, ThrottlePolicy } from './throttle.js';
export { checkSignIn, clearSignInFailures, DEFAULT_THROTTLE, delayFor, recordSignInFailure } from './throttle.js';
export type { SignInRefusal } from './sign-in.js';
export { signIn } from './sign-in.js';
export type { DeliveryRecord } from './deliveries.js';
export { deliveriesOf, recordDelivery, recordedDeliveries } from './deliveries.js';
export type { StoredFile } from './files.js';
export { FileMetadata, filesOf, recordFile, recordFiles } from './files.js';
export type { FileStore } from './file-store.js';
export { folderFileStore, sha256Of } from './file-store.js';
export type { EmbeddedStore } from './embedded.js';
export { EMBEDDED_MAX_CONNECTIONS, startEmbeddedStore } from './embedded.js';
export type { IdempotencyClash } from './idempotency.js';
export { claimIdempotencyKey, releaseIdempotencyKey } from './idempotency.js';
