import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { list, listPage } from '../../client/dossiers.js';
import { searchAttributeKeys as keys } from '../../workflows/search-attributes.js';

// Five dossiers in visibility under a stage of their own (started on a task queue no worker polls, with the search
// attributes a dossier has), so the pages of this list hold these rows and no other test's.
describe('listing page by page from Temporal visibility, on a real Temporal server', () => {
  const stage = `paging-${randomUUID()}`;
  const ids = Array.from({ length: 5 }, (_, i) => `${stage}-${i}`);
  let client: Client;

  beforeAll(async () => {
    client = new Client({ connection: await Connection.connect({ address: inject('temporalAddress') }) });
    for (const workflowId of ids)
      await client.workflow.start('processWorkflow', {
        taskQueue: `${stage}-nobody-polls`,
        workflowId,
        args: [],
        typedSearchAttributes: [
          { key: keys.process, value: 'review-pipeline' },
          { key: keys.stage, value: stage },
          { key: keys.status, value: 'running' },
          { key: keys.dueAt, value: new Date('2027-09-29T16:59:59.000Z') },
        ],
      });
    // Visibility lists a start shortly after it is made.
    for (let attempt = 0; attempt < 100 && (await list(client, { stage })).length < ids.length; attempt++)
      await new Promise((resolve) => setTimeout(resolve, 100));
  });

  afterAll(async () => {
    await Promise.all(
      ids.map((id) =>
        client.workflow
          .getHandle(id)
          .terminate('test over')
          .catch(() => undefined),
      ),
    );
    await client.connection.close();
  });

  it('walks every row once by cursor, newest first, the last page without a cursor', async () => {
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await listPage(client, { stage }, { pageSize: 2, cursor });
      pages.push(page.items.map((row) => row.workflowId));
      cursor = page.cursor ?? undefined;
    } while (cursor && pages.length < 10);
    expect(pages).toEqual([ids.slice(3).reverse(), ids.slice(1, 3).reverse(), [ids[0]]]);
  });

  it('reads a page by number the same whether or not the reader was shown the page before', async () => {
    const reader = `reader-${randomUUID()}`;
    const cold = await listPage(client, { stage }, { pageSize: 2, offset: 2 });
    await listPage(client, { stage }, { pageSize: 2, offset: 0, reader });
    const warm = await listPage(client, { stage }, { pageSize: 2, offset: 2, reader });
    expect(warm.items).toEqual(cold.items);
    expect([warm.cursor === null, cold.cursor === null]).toEqual([false, false]);
    expect(warm.items.map((row) => row.workflowId)).toEqual([ids[2], ids[1]]);
    expect(warm.items[0]).toMatchObject({ process: 'review-pipeline', stage, dueAt: '2027-09-29T16:59:59.000Z' });
  });

  it('has no cursor after a last page that is full', async () => {
    const page = await listPage(client, { stage }, { pageSize: 5 });
    expect(page.items).toHaveLength(5);
    expect(page.cursor).toBeNull();
  });
});
