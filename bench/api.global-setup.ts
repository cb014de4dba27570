import { stackSetup } from '../test-support/temporal.global-setup.js';

/**
 * The stack `npm run bench:api` measures: the Temporal dev server and PGlite as `duyet dev` runs them, so runs
 * continue as new at Temporal's own thresholds, not every 60 events as the tests force it.
 */
export default stackSetup();
