import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { describe, expect, inject, it } from 'vitest';
import { startDevServer } from '../../cli/dev-server.js';
import { inheritedEnv, loadConfig } from '../../temporal.config.js';
import { duyetJson, kill, ownStackEnv, useWorkerAndClient, watchedDuyet } from '../../test-support/cli.js';
import { futureExampleFile } from '../../test-support/future-example.js';
import { freePort } from '../../test-support/ports.js';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('duyet worker as a process', () => {
  it('waits for a server that starts late, logging while it waits, then polls; SIGTERM stops it cleanly', async () => {
    const address = `127.0.0.1:${await freePort()}`;
    const env = inheritedEnv({
      TEMPORAL_ADDRESS: address,
      TEMPORAL_TASK_QUEUE: 'late-server',
      DUYET_DATABASE_URL: inject('databaseUrl'),
    });
    const worker = watchedDuyet(env);
    await worker.waitFor(/Temporal not reachable at 127\.0\.0\.1:\d+ yet \(attempt 2\)/);
    const server = await startDevServer(loadConfig(env), { dbFile: null });
    try {
      const [, pid] = await worker.waitFor(/polling task queue "late-server" .*pid (\d+)\)/);
      worker.child.kill('SIGTERM');
      expect(await worker.exit).toBe(0);
      expect(worker.output).toContain('duyet worker: drained and stopped');
      expect(alive(Number(pid))).toBe(false);
    } finally {
      await kill(worker.child);
      await server.stop();
    }
  });

  it('gives up after DUYET_WORKER_CONNECT_WAIT seconds with a non-zero exit naming the address', async () => {
    const address = `127.0.0.1:${await freePort()}`;
    const worker = watchedDuyet(inheritedEnv({ TEMPORAL_ADDRESS: address, DUYET_WORKER_CONNECT_WAIT: '2' }));
    expect(await worker.exit).not.toBe(0);
    expect(worker.output).toContain(`Temporal did not answer at ${address} within 2 s`);
    expect(worker.output).toContain('npx duyet dev');
  });
});

describe('SIGTERM to duyet dev', () => {
  it('serves the HTTP API beside Temporal, then drains the worker it spawned before the server stops, and exits 0', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'duyet-dev-'));
    const env = await ownStackEnv(stateDir);
    const dev = watchedDuyet(env, ['dev']);
    try {
      await dev.waitFor(/duyet: ready/);
      const [, url] = await dev.waitFor(/duyet: API at (http:\/\/127\.0\.0\.1:\d+)\/api /);
      const health = await fetch(`${url}/healthz`);
      expect([health.status, await health.json()]).toEqual([200, { temporal: 'ok', store: 'ok' }]);
      expect((await fetch(`${url}/api/me`)).status).toBe(401);
      // The history file is in write-ahead-log mode: SQLite's header says so in its read and write versions (2).
      const header = readFileSync(join(stateDir, 'duyet.db')).subarray(18, 20);
      expect([...header]).toEqual([2, 2]);
      expect(dev.output).toMatch(/history kept in .*duyet\.db \(SQLite, write-ahead log\)/);
      const [, pid] = await dev.waitFor(/polling task queue .*pid (\d+)\)/);
      dev.child.kill('SIGTERM');
      expect(await dev.exit).toBe(0);
      expect(dev.output).toContain('duyet worker: SIGTERM received; draining');
      expect(dev.output).toContain('duyet worker: drained and stopped');
      expect(alive(Number(pid))).toBe(false);
    } finally {
      await kill(dev.child);
      rmSync(stateDir, { recursive: true, force: true });
    }
  });
});

describe('SIGTERM to duyet worker', () => {
  // An SMTP server that holds the first message for a few seconds, so a notification is running when SIGTERM comes.
  const held = { arrived: undefined as (() => void) | undefined, mails: 0 };
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      stream.resume();
      stream.on('end', () => {
        held.mails += 1;
        if (held.mails > 1) return callback();
        held.arrived?.();
        setTimeout(() => callback(), 4_000);
      });
    },
  });
  const listening = new Promise<string>((resolve) =>
    smtp.listen(0, '127.0.0.1', () => resolve(`smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`)),
  );
  const face = useWorkerAndClient();

  it('reaches the worker it spawned, which finishes the running notification before it exits 0', async () => {
    await face.stopWorker();
    const env = { ...face.env, DUYET_SMTP_URL: await listening };
    const worker = watchedDuyet(env);
    const [, pid] = await worker.waitFor(/polling task queue .*pid (\d+)\)/);
    const arrived = new Promise<void>((resolve) => (held.arrived = resolve));
    const { workflowId } = await duyetJson<{ workflowId: string }>(
      env,
      'start',
      'review-pipeline',
      '--input',
      futureExampleFile(),
    );
    await arrived;
    worker.child.kill('SIGTERM');
    expect(await worker.exit).toBe(0);
    expect(worker.output).toContain('SIGTERM received; draining');
    expect(alive(Number(pid))).toBe(false);

    const events = (await face.client.workflow.getHandle(workflowId).fetchHistory()).events ?? [];
    const started = events.filter((e) => e.activityTaskStartedEventAttributes);
    const completed = events.filter((e) => e.activityTaskCompletedEventAttributes);
    expect(started.map((e) => e.activityTaskStartedEventAttributes!.attempt)).toEqual([1]);
    expect(completed).toHaveLength(1);
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });
});
