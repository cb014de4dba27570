import { callApi, problemDetail, type WebContext, type WebDeps } from './deps.js';

/**
 * Sends draft files of a dossier through the API in one request, all or none: the API's refusal (its message and
 * status) when it attached none, or undefined when every file was attached.
 */
export async function uploadDrafts(
  deps: WebDeps,
  c: WebContext,
  id: string,
  files: ReadonlyArray<{ kind: string; file: File }>,
  csrf: string,
): Promise<{ detail: string; status: number } | undefined> {
  if (files.length === 0) return undefined;
  const form = new FormData();
  for (const { kind, file } of files) form.set(`file.${kind}`, file, file.name);
  const response = await callApi(deps, c, `/api/dossiers/${encodeURIComponent(id)}/files/batch`, {
    method: 'POST',
    multipart: form,
    csrf,
  });
  if (response.status === 201) return undefined;
  return { detail: await problemDetail(response), status: response.status };
}
