import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DRAFT_FILE_LIMIT, sniffDraft } from '../../client/draft-files.js';

const draft = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/drafts/${name}`, import.meta.url)));

describe('a draft file’s type from its content', () => {
  it('knows a PDF, a DOCX and an ODT by their bytes', () => {
    expect(sniffDraft(draft('de-an-du-thao-2.pdf'))).toEqual({ success: true, data: 'application/pdf' });
    expect(sniffDraft(draft('de-an-du-thao-3.docx'))).toEqual({
      success: true,
      data: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    });
    expect(sniffDraft(draft('to-trinh-du-thao-1.odt'))).toEqual({
      success: true,
      data: 'application/vnd.oasis.opendocument.text',
    });
  });

  it('refuses a script named .pdf, a ZIP that is no text document, an empty file and one over 20 MiB', () => {
    const refusal = (bytes: Uint8Array) => {
      const result = sniffDraft(bytes);
      return result.success ? 'accepted' : result.error;
    };
    expect(refusal(draft('renamed-script.pdf'))).toMatch(
      /not a PDF, DOCX or ODT document; expected a PDF, DOCX or ODT file/,
    );
    expect(refusal(draft('not-a-draft.zip'))).toMatch(/ZIP archive but neither a DOCX nor an ODT/);
    expect(refusal(new Uint8Array())).toMatch(/the file is empty/);
    const big = new Uint8Array(DRAFT_FILE_LIMIT + 1);
    big.set(new TextEncoder().encode('%PDF-1.4'));
    expect(refusal(big)).toMatch(/over the limit of 20 MiB/);
  });
});
