import type { Client } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { listPage, listQuery, rowOf } from '../../client/dossier-list.js';
import { RequestError } from '../../client/errors.js';
import { CURSOR_MEMORY_MS, CURSOR_MEMORY_SIZE, rememberedCursors } from '../../client/list-cursors.js';

const now = new Date('2027-03-01T01:00:00.000Z');
const base = "DuyetProcess IS NOT NULL AND ExecutionStatus != 'ContinuedAsNew'";

describe('the visibility query of a list', () => {
  it('lists every dossier but runs that continued as new when nothing is filtered', () => {
    expect(listQuery({}, now)).toBe(base);
  });

  it('turns each filter into a clause the visibility store evaluates', () => {
    expect(listQuery({ stage: 'pmReview' }, now)).toBe(`${base} AND DuyetStage = 'pmReview'`);
    expect(listQuery({ process: 'review-pipeline' }, now)).toBe(`${base} AND DuyetProcess = 'review-pipeline'`);
    expect(listQuery({ status: 'running' }, now)).toBe(`${base} AND DuyetStatus = 'running'`);
    expect(listQuery({ overdue: true }, now)).toBe(
      `${base} AND DuyetStatus = 'running' AND DuyetDueAt < '2027-03-01T01:00:00.000Z'`,
    );
    expect(listQuery({ processes: ['task', 'programme'] }, now)).toBe(
      `${base} AND DuyetProcess IN ('task', 'programme')`,
    );
  });

  it('lists what awaits a user: one of their roles, unit roles included, or reassigned to them', () => {
    expect(listQuery({ awaiting: { roles: ['pm', 'focal-point@bo-ngoai-giao'], userId: 'pham.minh' } }, now)).toBe(
      `${base} AND DuyetStatus = 'running' AND ` +
        `(DuyetAwaitedRole IN ('pm', 'focal-point@bo-ngoai-giao') OR DuyetAssignee = 'pham.minh')`,
    );
    expect(listQuery({ awaiting: { roles: [], userId: 'tran.an' } }, now)).toBe(
      `${base} AND DuyetStatus = 'running' AND (DuyetAssignee = 'tran.an')`,
    );
  });

  it('combines filters with AND', () => {
    expect(listQuery({ stage: 'drafting', process: 'review-pipeline', status: 'running' }, now)).toBe(
      `${base} AND DuyetStage = 'drafting' AND DuyetProcess = 'review-pipeline' AND DuyetStatus = 'running'`,
    );
  });

  it('refuses a value that would leave its quotes, naming what is allowed', () => {
    const attempt = () => listQuery({ stage: "x' OR DuyetStage != '" }, now);
    expect(attempt).toThrow(RequestError);
    expect(attempt).toThrow(`expected letters, digits, ".", "@", "-" or "_"`);
  });
});

describe('a row of a list', () => {
  it('is read from the search attributes of the execution alone', () => {
    const payload = (value: unknown) => defaultPayloadConverter.toPayload(value)!;
    const row = rowOf({
      execution: { workflowId: 'nq22' },
      startTime: { seconds: 1_800_000_000, nanos: 250_000_000 },
      searchAttributes: {
        indexedFields: {
          DuyetProcess: payload('review-pipeline'),
          DuyetStage: payload('pmReview'),
          DuyetStatus: payload('running'),
          DuyetAwaitedRole: payload('pm'),
          DuyetDueAt: payload('2027-09-29T16:59:59Z'),
          DuyetEscalationLevel: payload(2),
        },
      },
    });
    expect(row).toEqual({
      workflowId: 'nq22',
      process: 'review-pipeline',
      stage: 'pmReview',
      status: 'running',
      awaitedRole: 'pm',
      assignee: null,
      dueAt: '2027-09-29T16:59:59.000Z',
      escalationLevel: 2,
      startedAt: '2027-01-15T08:00:00.250Z',
    });
  });
});

describe('remembered cursors', () => {
  const token = (n: number) => new Uint8Array([n]);

  it('give back the token after a page to the same reader and query, for a minute', () => {
    let clock = 0;
    const memory = rememberedCursors('a', 'q', () => clock);
    memory.remember(50, token(1));
    expect(memory.at(50)).toEqual(token(1));
    expect(memory.at(100)).toBeUndefined();
    expect(rememberedCursors('b', 'q', () => clock).at(50)).toBeUndefined();
    expect(rememberedCursors('a', 'q2', () => clock).at(50)).toBeUndefined();
    clock = CURSOR_MEMORY_MS + 1;
    expect(memory.at(50)).toBeUndefined();
  });

  it('keep at most their number, forgetting the oldest first', () => {
    const memory = rememberedCursors('evict', 'q', () => 0);
    for (let i = 0; i <= CURSOR_MEMORY_SIZE; i += 1) memory.remember(i, token(i % 256));
    expect(memory.at(0)).toBeUndefined();
    expect(memory.at(CURSOR_MEMORY_SIZE)).toEqual(token(CURSOR_MEMORY_SIZE % 256));
  });
});

/** A client whose visibility holds `ids` newest first; tokens are the index of the next row. */
function fakeVisibility(ids: string[]) {
  const calls: Array<{ pageSize: number; from: number }> = [];
  const client = {
    connection: {},
    options: { namespace: 'default' },
    workflowService: {
      listWorkflowExecutions: async (request: { pageSize: number; nextPageToken: Uint8Array }) => {
        const from = request.nextPageToken.length === 0 ? 0 : request.nextPageToken[0]!;
        if (from === 255) throw new Error('3 INVALID_ARGUMENT: unable to deserialize page token');
        calls.push({ pageSize: request.pageSize, from });
        const rows = ids.slice(from, from + request.pageSize);
        const full = rows.length === request.pageSize;
        return {
          executions: rows.map((workflowId) => ({ execution: { workflowId }, startTime: { seconds: 0 } })),
          nextPageToken: full ? new Uint8Array([from + rows.length]) : new Uint8Array(0),
        };
      },
    },
  };
  return { client: client as unknown as Client, calls };
}

describe('a page of a list', () => {
  const ids = Array.from({ length: 25 }, (_, i) => `d${i}`);

  it('reads only its own rows and a one-row look past them, and hands a cursor to the next page', async () => {
    const { client, calls } = fakeVisibility(ids);
    const first = await listPage(client, {}, { pageSize: 10 });
    expect(first.items.map((r) => r.workflowId)).toEqual(ids.slice(0, 10));
    expect(calls).toEqual([
      { pageSize: 10, from: 0 },
      { pageSize: 1, from: 10 },
    ]);
    const second = await listPage(client, {}, { pageSize: 10, cursor: first.cursor! });
    expect(second.items.map((r) => r.workflowId)).toEqual(ids.slice(10, 20));
    const last = await listPage(client, {}, { pageSize: 10, cursor: second.cursor! });
    expect(last.items.map((r) => r.workflowId)).toEqual(ids.slice(20));
    expect(last.cursor).toBeNull();
  });

  it('has no cursor when a full page is the last one', async () => {
    const { client } = fakeVisibility(ids.slice(0, 10));
    expect((await listPage(client, {}, { pageSize: 10 })).cursor).toBeNull();
  });

  it('reads the rows before an offset, unless the reader was just shown the page that ends there', async () => {
    const { client, calls } = fakeVisibility(ids);
    const page3 = await listPage(client, {}, { pageSize: 5, offset: 10 });
    expect(page3.items.map((r) => r.workflowId)).toEqual(ids.slice(10, 15));
    expect(calls[0]).toEqual({ pageSize: 10, from: 0 });

    await listPage(client, {}, { pageSize: 5, offset: 0, reader: 'le.hoa' });
    calls.length = 0;
    const page2 = await listPage(client, {}, { pageSize: 5, offset: 5, reader: 'le.hoa' });
    expect(page2.items.map((r) => r.workflowId)).toEqual(ids.slice(5, 10));
    expect(calls[0]).toEqual({ pageSize: 5, from: 5 });

    calls.length = 0;
    await listPage(client, {}, { pageSize: 5, offset: 5, reader: 'pham.minh' });
    expect(calls[0]).toEqual({ pageSize: 5, from: 0 });
  });

  it('is empty past the end', async () => {
    const { client } = fakeVisibility(ids);
    expect(await listPage(client, {}, { pageSize: 10, offset: 40 })).toEqual({ items: [], cursor: null });
  });

  it('refuses a cursor it did not hand out, saying what it expects', async () => {
    const { client } = fakeVisibility(ids);
    await expect(listPage(client, {}, { pageSize: 10, cursor: 'not a cursor!' })).rejects.toThrow(
      'expected the nextCursor of an earlier page of this list',
    );
    const forged = Buffer.from([255]).toString('base64url');
    await expect(listPage(client, {}, { pageSize: 10, cursor: forged })).rejects.toThrow(
      'expected the nextCursor of an earlier page of this list',
    );
  });

  it('lists nothing, and asks nothing, when the reader may read no process', async () => {
    const { client, calls } = fakeVisibility(ids);
    expect(await listPage(client, { processes: [] }, { pageSize: 10 })).toEqual({ items: [], cursor: null });
    expect(calls).toEqual([]);
  });
});
