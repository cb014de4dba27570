import { RequestError } from '../client/errors.js';
import type { DuyetConfig } from '../temporal.config.js';

/**
 * The user a CLI command acts as (`--as`), for the embedded default and scripts; refused with kind
 * `unauthenticated` when the deployment requires authenticated users (DUYET_REQUIRE_AUTH=1).
 */
export function actingUser(config: DuyetConfig, as: string): string {
  if (config.requireAuth)
    throw new RequestError(
      `--as ${as} is refused: DUYET_REQUIRE_AUTH=1 requires every decision to come from an authenticated user; ` +
        'decide through the HTTP API with your own sign-in or token, or unset DUYET_REQUIRE_AUTH on the embedded default',
      { kind: 'unauthenticated' },
    );
  return as;
}
