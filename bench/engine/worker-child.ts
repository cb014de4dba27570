import { NativeConnection, Runtime, Worker } from '@temporalio/worker';

// One benchmark worker, in its own process so its CPU and memory are its own: argv is the server address, the task
// queue, the bundle file and the cache size. It answers "usage" with its CPU time and memory (after a full GC when
// node runs with --expose-gc) and stops on "stop"; every notification is a no-op, so no mail server is involved.
const [address = '', taskQueue = '', codePath = '', cache = '1000'] = process.argv.slice(2);

/** What the parent asks the child. */
type Request = 'usage' | 'stop';

async function main() {
  Runtime.install({ logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} } });
  const connection = await NativeConnection.connect({ address });
  const worker = await Worker.create({
    connection,
    taskQueue,
    workflowBundle: { codePath },
    activities: { notify: async () => [] },
    maxCachedWorkflows: Number(cache),
  });
  process.on('message', (request: Request) => {
    if (request === 'stop') return worker.shutdown();
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    gc?.();
    const cpu = process.cpuUsage();
    const memory = process.memoryUsage();
    process.send?.({ cpuMs: (cpu.user + cpu.system) / 1000, rss: memory.rss, heapUsed: memory.heapUsed });
  });
  const running = worker.run();
  process.send?.('ready');
  await running;
  await connection.close();
  process.exit(0);
}

main().catch((err) => {
  process.stderr.write(`bench worker failed: ${err}\n`);
  process.exit(1);
});
