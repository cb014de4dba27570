import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useApi } from '../../test-support/api.js';
import { futureExample } from '../../test-support/future-example.js';

const api = useApi();
const draft = (name: string) => readFileSync(new URL(`../fixtures/drafts/${name}`, import.meta.url));

/** Uploads a file as multipart/form-data with a bearer token, as curl -F does. */
async function upload(userId: string, id: string, fields: Record<string, string>, file?: [string, Buffer]) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  if (file) form.set('file', new File([file[1]], file[0]));
  const response = await api.app().request(`/api/dossiers/${id}/files`, {
    method: 'POST',
    headers: { authorization: `Bearer ${api.token(userId)}` },
    body: form,
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe('draft files through the HTTP API', () => {
  it('attaches a PDF to a document’s draft for who acts, lists it and serves it to every reader, and refuses the rest attaching nothing', async () => {
    const started = await api.call('POST', '/api/dossiers', {
      token: api.token('nguyen.thu'),
      body: { process: 'review-pipeline', input: futureExample() },
    });
    expect(started.status, started.text).toBe(201);
    const id = started.json.workflowId as string;

    const attached = await upload('nguyen.thu', id, { document: 'report' }, [
      'Đề án dự thảo 2.pdf',
      draft('de-an-du-thao-2.pdf'),
    ]);
    expect(attached.status, JSON.stringify(attached.json)).toBe(201);
    expect(attached.json).toMatchObject({
      documentKind: 'report',
      draft: 2,
      mediaType: 'application/pdf',
      name: 'Đề án dự thảo 2.pdf',
      uploadedBy: 'nguyen.thu',
    });
    expect(attached.json.sha256).toMatch(/^[0-9a-f]{64}$/);

    const odt = await upload('nguyen.thu', id, { document: 'submissionLetters', draft: '1' }, [
      'to-trinh.odt',
      draft('to-trinh-du-thao-1.odt'),
    ]);
    expect(odt.json.mediaType).toBe('application/vnd.oasis.opendocument.text');

    const refusals = [
      [
        await upload('pham.minh', id, { document: 'report' }, ['x.pdf', draft('de-an-du-thao-2.pdf')]),
        403,
        /cannot upload .* only secretariat acts there/,
      ],
      [
        await upload('nguyen.thu', id, { document: 'report' }, ['x.pdf', draft('renamed-script.pdf')]),
        422,
        /not a PDF, DOCX or ODT/,
      ],
      [
        await upload('nguyen.thu', id, { document: 'report' }, ['x.zip', draft('not-a-draft.zip')]),
        422,
        /neither a DOCX nor an ODT/,
      ],
      [
        await upload('nguyen.thu', id, { document: 'budget' }, ['x.pdf', draft('de-an-du-thao-2.pdf')]),
        422,
        /no document "budget"; expected one of: report, submissionLetters, directive/,
      ],
      [
        await upload('nguyen.thu', id, { document: 'report', draft: '3' }, ['x.pdf', draft('de-an-du-thao-2.pdf')]),
        422,
        /at draft 2; expected at most that/,
      ],
      [await upload('nguyen.thu', id, { document: 'report' }), 422, /expected a file in the field "file"/],
      [
        await upload('le.minh', id, { document: 'report' }, ['x.pdf', draft('de-an-du-thao-2.pdf')]),
        404,
        /no dossier with id/,
      ],
    ] as const;
    for (const [answer, status, detail] of refusals) {
      expect(answer.status, JSON.stringify(answer.json)).toBe(status);
      expect(answer.json.detail).toMatch(detail);
    }

    const listed = await api.call('GET', `/api/dossiers/${id}/files`, { token: api.token('vo.lan') });
    expect(listed.status).toBe(200);
    expect(listed.json.items.map((f: { name: string }) => f.name)).toEqual(['Đề án dự thảo 2.pdf', 'to-trinh.odt']);

    const download = await api.app().request(`/api/dossiers/${id}/files/${attached.json.id as number}`, {
      headers: { authorization: `Bearer ${api.token('vo.lan')}` },
    });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename*=UTF-8''${encodeURIComponent('Đề án dự thảo 2.pdf')}`,
    );
    expect(Buffer.from(await download.arrayBuffer())).toEqual(draft('de-an-du-thao-2.pdf'));
    const outsider = await api.call('GET', `/api/dossiers/${id}/files/${attached.json.id as number}`, {
      token: api.token('le.minh'),
    });
    expect(outsider.status).toBe(404);
    const missing = await api.call('GET', `/api/dossiers/${id}/files/999999`, { token: api.token('vo.lan') });
    expect(missing.status).toBe(404);

    const doc = await api.call('GET', '/openapi.json');
    expect(Object.keys(doc.json.paths)).toEqual(
      expect.arrayContaining(['/api/dossiers/{id}/files', '/api/dossiers/{id}/files/{fileId}']),
    );
    expect(doc.json.paths['/api/dossiers/{id}/files'].post.requestBody.content).toHaveProperty('multipart/form-data');
  });
});
