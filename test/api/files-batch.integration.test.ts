import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useApi } from '../../test-support/api.js';
import { futureExample } from '../../test-support/future-example.js';

const api = useApi();
const draft = (name: string) => readFileSync(new URL(`../fixtures/drafts/${name}`, import.meta.url));

/** Sends several files in one request, each under `file.<document kind>`, as the web's forms do. */
async function uploadMany(userId: string, id: string, files: Record<string, [string, Buffer]>) {
  const form = new FormData();
  for (const [kind, [name, bytes]] of Object.entries(files)) form.set(`file.${kind}`, new File([bytes], name));
  const response = await api.app().request(`/api/dossiers/${id}/files/batch`, {
    method: 'POST',
    headers: { authorization: `Bearer ${api.token(userId)}` },
    body: form,
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

const filesOf = async (id: string) =>
  (await api.call('GET', `/api/dossiers/${id}/files`, { token: api.token('nguyen.thu') })).json.items as Array<{
    name: string;
    documentKind: string;
    draft: number;
  }>;

describe('several draft files in one request, all or none', () => {
  it('attaches none when one file of the request is refused, naming it, and all when every file passes', async () => {
    const started = await api.call('POST', '/api/dossiers', {
      token: api.token('nguyen.thu'),
      body: { process: 'review-pipeline', input: futureExample() },
    });
    expect(started.status, started.text).toBe(201);
    const id = started.json.workflowId as string;

    const refused = await uploadMany('nguyen.thu', id, {
      report: ['de-an-du-thao-2.pdf', draft('de-an-du-thao-2.pdf')],
      submissionLetters: ['to-trinh.pdf', draft('renamed-script.pdf')],
    });
    expect(refused.status).toBe(422);
    expect(refused.json.detail).toMatch(/^no file was attached:\nfile\.submissionLetters \(to-trinh\.pdf\): /);
    expect(refused.json.detail).not.toContain('file.report');
    expect(await filesOf(id)).toEqual([]);

    const unknown = await uploadMany('nguyen.thu', id, {
      report: ['de-an-du-thao-2.pdf', draft('de-an-du-thao-2.pdf')],
      annex: ['phu-luc.pdf', draft('de-an-du-thao-2.pdf')],
    });
    expect(unknown.status).toBe(422);
    expect(unknown.json.detail).toContain('file.annex: the dossier has no document "annex"');
    expect(await filesOf(id)).toEqual([]);

    const forbidden = await uploadMany('pham.minh', id, { report: ['de-an.pdf', draft('de-an-du-thao-2.pdf')] });
    expect(forbidden.status).toBe(403);
    expect(await filesOf(id)).toEqual([]);

    const attached = await uploadMany('nguyen.thu', id, {
      report: ['de-an-du-thao-2.pdf', draft('de-an-du-thao-2.pdf')],
      submissionLetters: ['to-trinh.odt', draft('to-trinh-du-thao-1.odt')],
    });
    expect(attached.status, JSON.stringify(attached.json)).toBe(201);
    expect(
      (attached.json.items as Array<{ documentKind: string; name: string }>).map((f) => [f.documentKind, f.name]),
    ).toEqual([
      ['report', 'de-an-du-thao-2.pdf'],
      ['submissionLetters', 'to-trinh.odt'],
    ]);
    expect((await filesOf(id)).map((f) => f.name).sort()).toEqual(['de-an-du-thao-2.pdf', 'to-trinh.odt']);
  });
});
