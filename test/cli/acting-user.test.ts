import { describe, expect, it } from 'vitest';
import { RequestError } from '../../client/errors.js';
import { loadConfig } from '../../temporal.config.js';
import { actingUser } from '../../cli/acting-user.js';

describe('--as', () => {
  it('acts as the named user on the embedded default', () => {
    expect(actingUser(loadConfig({}), 'nguyen.thu')).toBe('nguyen.thu');
  });

  it('is refused as unauthenticated when DUYET_REQUIRE_AUTH=1, saying what to do instead', () => {
    const config = loadConfig({ DUYET_REQUIRE_AUTH: '1' });
    expect(config.requireAuth).toBe(true);
    let refusal: unknown;
    try {
      actingUser(config, 'pham.minh');
    } catch (err) {
      refusal = err;
    }
    expect(refusal).toBeInstanceOf(RequestError);
    expect((refusal as RequestError).kind).toBe('unauthenticated');
    expect((refusal as RequestError).message).toMatch(/^--as pham\.minh is refused: DUYET_REQUIRE_AUTH=1 .* HTTP API/);
  });

  it('refuses a DUYET_REQUIRE_AUTH that is not a flag', () => {
    expect(() => loadConfig({ DUYET_REQUIRE_AUTH: 'yes' })).toThrow(/DUYET_REQUIRE_AUTH/);
  });
});
