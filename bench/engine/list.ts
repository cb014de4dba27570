import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Connection, WorkflowIdReusePolicy } from '@temporalio/client';
import type { SearchAttributePair } from '@temporalio/common';
import { startDevServer } from '../../cli/dev-server.js';
import { list, listPage, type ListFilter } from '../../client/dossiers.js';
import { inheritedEnv, loadConfig } from '../../temporal.config.js';
import { searchAttributeKeys as keys } from '../../workflows/search-attributes.js';
import { freePort } from '../../test-support/ports.js';
import { fmt, median, pool } from './stats.js';

// `npm run bench:list`: what a list costs with many dossiers open. The dossiers are workflows started with the
// search attributes a dossier has, on a task queue no worker polls, so visibility holds exactly the rows a real
// run would and nothing else competes for the 2 cores. Sizes come from the environment.
const env = inheritedEnv();
const size = (name: string, fallback: number) => Number(env[name] ?? fallback);
const sizes = { open: size('BENCH_LIST_OPEN', 5000), repeat: size('BENCH_LIST_REPEAT', 3), pageSize: 50 };
const out = env.BENCH_OUT ?? fileURLToPath(new URL('../../../bench/results/list.md', import.meta.url));
const say = (line: string) => process.stdout.write(line + '\n');

const stages = ['drafting', 'pmReview', 'standingGovernment', 'partyCommittee', 'politburo'] as const;
const roles = ['secretariat', 'pm', 'standing-government', 'party-committee', 'politburo'] as const;

/** The search attributes of dossier `i`: spread over the stages, one in ten past due, one in fifty reassigned. */
function attributesOf(i: number, now: number): SearchAttributePair[] {
  const stage = i % stages.length;
  return [
    { key: keys.process, value: 'review-pipeline' },
    { key: keys.stage, value: stages[stage]! },
    { key: keys.status, value: 'running' },
    { key: keys.awaitedRole, value: roles[stage]! },
    { key: keys.dueAt, value: new Date(now + (i % 10 === 0 ? -1 : 1) * 86_400_000 * (1 + (i % 30))) },
    { key: keys.escalationLevel, value: i % 10 === 0 ? 1 : 0 },
    ...(i % 50 === 0 ? [{ key: keys.assignee, value: 'tran.an' }] : []),
  ];
}

/** The median time of `repeat` runs of `task`, and the rows the last one returned. */
async function timed(task: () => Promise<number>) {
  const ms: number[] = [];
  let rows = 0;
  for (let i = 0; i < sizes.repeat; i += 1) {
    const t = process.hrtime.bigint();
    rows = await task();
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return { ms: median(ms), rows };
}

async function main() {
  const stateDir = mkdtempSync(join(tmpdir(), 'duyet-list-'));
  const config = loadConfig(
    inheritedEnv({ TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}`, DUYET_STATE_DIR: stateDir }),
  );
  const loadBefore = loadavg();
  say(`bench:list ${JSON.stringify(sizes)}; load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')}`);
  const server = await startDevServer(config, { dbFile: join(stateDir, 'temporal.db') });
  const connection = await Connection.connect({ address: server.address });
  const client = new Client({ connection });
  try {
    const now = Date.now();
    const t = Date.now();
    await pool(sizes.open, 40, async (i) => {
      await client.workflow.start('processWorkflow', {
        taskQueue: 'nobody-polls',
        workflowId: `listed-${i}`,
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        args: [],
        typedSearchAttributes: attributesOf(i, now),
      });
    });
    const startRate = sizes.open / ((Date.now() - t) / 1000);
    say(`started ${sizes.open} (${fmt(startRate)}/s)`);
    // Visibility is written shortly after a start: wait until it lists every row.
    while ((await client.workflow.count(`${keys.process.name} = 'review-pipeline'`)).count < sizes.open)
      await new Promise((resolve) => setTimeout(resolve, 500));

    const pageSize = sizes.pageSize;
    const lastPage = Math.ceil(sizes.open / pageSize);
    const awaiting = { roles: ['pm'], userId: 'tran.an' };
    const all = (filter: ListFilter) => async () => (await list(client, filter)).length;
    const numbered = (filter: ListFilter, n: number, reader?: string) => async () =>
      (await listPage(client, filter, { pageSize, offset: (n - 1) * pageSize, reader })).items.length;
    const running = { status: 'running' };
    let readers = 0;
    const cases: Array<[string, () => Promise<number>]> = [
      ['all rows (`duyet list --process review-pipeline`)', all({ process: 'review-pipeline' })],
      [`first page of ${pageSize} (\`GET /api/dossiers\`)`, numbered(running, 1)],
      [`page 2 of ${pageSize}, by number`, numbered(running, 2)],
      [
        `page 2 of ${pageSize}, by number, right after page 1 for the same reader`,
        async () => {
          const reader = `reader-${(readers += 1)}`;
          await numbered(running, 1, reader)();
          const t = process.hrtime.bigint();
          const n = await numbered(running, 2, reader)();
          // Only page 2 is timed: page 1 is its own case.
          partMs.push(Number(process.hrtime.bigint() - t) / 1e6);
          return n;
        },
      ],
      [`last page (${lastPage}) of ${pageSize}, by number`, numbered(running, lastPage)],
      [
        `every page of ${pageSize}, one after the other by cursor (${lastPage} pages)`,
        async () => {
          let rows = 0;
          let cursor: string | undefined;
          do {
            const page = await listPage(client, running, { pageSize, cursor });
            rows += page.items.length;
            cursor = page.cursor ?? undefined;
          } while (cursor);
          return rows;
        },
      ],
      ['inbox, first page (`?awaiting=me`, role pm)', numbered({ awaiting }, 1)],
      ['inbox, all rows', all({ awaiting })],
      ['overdue, all rows (`duyet list --overdue`)', all({ overdue: true })],
      ['stage pmReview, first page', numbered({ stage: 'pmReview' }, 1)],
    ];
    const partMs: number[] = [];
    const rows: string[] = [];
    for (const [name, task] of cases) {
      partMs.length = 0;
      const result = await timed(task);
      const ms = partMs.length > 0 ? median(partMs) : result.ms;
      say(`${name}: ${result.rows} rows, ${fmt(ms, 0)} ms`);
      rows.push(`| ${name} | ${result.rows} | ${fmt(ms, 0)} |`);
    }
    const table = [
      `# bench:list — listing with ${sizes.open} dossiers open`,
      '',
      `Run ${new Date().toISOString()} on ${cpus().length} cores; load average before ${loadBefore.map((l) => l.toFixed(2)).join(' ')}, after ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}.`,
      `Command: \`npm run bench:list\` (BENCH_LIST_OPEN=${sizes.open}); ${sizes.open} running dossiers in visibility (started at ${fmt(startRate)}/s with no worker), each time the median of ${sizes.repeat} calls of \`list\`.`,
      '',
      '| list | rows | ms |',
      '|---|---|---|',
      ...rows,
      '',
    ].join('\n');
    say('\n' + table);
    mkdirSync(join(out, '..'), { recursive: true });
    writeFileSync(out, table);
  } finally {
    await connection.close();
    await server.stop();
    rmSync(stateDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`bench:list failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
