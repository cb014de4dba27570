import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { status } from '../../client/dossiers.js';
import { duyet, duyetJson, useWorkerAndClient } from '../../test-support/cli.js';

const header = 'TT,Nội dung công việc,Cơ quan chủ trì,Cơ quan phối hợp,Sản phẩm,Thời gian';
const first = '1.1,Quán triệt Nghị quyết,Bộ Ngoại giao,Bộ Công Thương,Các lớp tập huấn,2030';
const added = '1.2,Xây dựng Chiến lược,Bộ Tư pháp,,Dự thảo,2031';

describe('duyet programme import --apply on a real Temporal server', () => {
  const server = useWorkerAndClient();
  const dir = mkdtempSync(join(tmpdir(), 'duyet-import-'));
  const file = (name: string, rows: string[]) => {
    const path = join(dir, name);
    writeFileSync(path, [header, ...rows].join('\n') + '\n');
    return path;
  };

  it('adds the tasks a changed table adds to the programme as the --by user, who must hold its role', async () => {
    const id = `cli-import-${Date.now()}`;
    await duyetJson(server.env, 'programme', 'import', file('v1.csv', [first]), '--apply', '--id', id, '--json');
    const changed = file('v2.csv', [first, added]);

    // A focal point of an agency is no secretariat member: the programme refuses, and the import reports it.
    const refused = await duyetJson<{
      tasks: Array<{ number: string; outcome: string; joined?: boolean; refusal?: string }>;
    }>(server.env, 'programme', 'import', changed, '--apply', '--id', id, '--by', 'ngoai-giao.dau-moi', '--json');
    expect(refused.tasks.find((t) => t.number === '1.2')).toMatchObject({
      outcome: 'added',
      joined: false,
      refusal: expect.stringContaining('secretariat'),
    });
    expect((await status(server.client, id)).history).toEqual([]);

    const joined = await duyetJson<{ tasks: Array<{ number: string; joined?: boolean }> }>(
      server.env,
      'programme',
      'import',
      changed,
      '--apply',
      '--id',
      id,
      '--by',
      'nguyen.thu',
      '--json',
    );
    expect(joined.tasks.find((t) => t.number === '1.2')).toMatchObject({ joined: true });
    const programme = await status(server.client, id);
    expect(programme.history.map((h) => [h.event, h.actor])).toEqual([['ADD_TASKS', 'nguyen.thu']]);
    expect((programme.facts.tasks as Array<{ number: string }>).map((t) => t.number)).toEqual(['1.1', '1.2']);
  });

  it('refuses an unknown --by user and starts nothing', async () => {
    const id = `cli-import-unknown-${Date.now()}`;
    const result = await duyet(
      server.env,
      'programme',
      'import',
      file('v3.csv', [first]),
      '--apply',
      '--id',
      id,
      '--by',
      'nobody.here',
    );
    expect([result.code, result.stderr]).toEqual([2, expect.stringContaining('--by: unknown user "nobody.here"')]);
    await expect(status(server.client, id)).rejects.toMatchObject({ kind: 'notFound' });
  });
});
