import { DefaultLogger, Runtime } from '@temporalio/worker';

// Workers created in tests (replay) log at WARN, so a run's output shows what matters.
const installed = globalThis as { duyetRuntimeInstalled?: boolean };
if (!installed.duyetRuntimeInstalled) {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  installed.duyetRuntimeInstalled = true;
}
