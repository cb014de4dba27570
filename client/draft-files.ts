import type { Result } from '../calendar/index.js';

/** The largest draft file accepted: 20 MiB. */
export const DRAFT_FILE_LIMIT = 20 * 1024 * 1024;

/** The kinds of draft file accepted, by media type, with the extension a download gets. */
export const draftTypes = {
  'application/pdf': { name: 'PDF', extension: 'pdf' },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { name: 'DOCX', extension: 'docx' },
  'application/vnd.oasis.opendocument.text': { name: 'ODT', extension: 'odt' },
} as const;

/** A media type of an accepted draft. */
export type DraftMediaType = keyof typeof draftTypes;

const ascii = (bytes: Uint8Array, from: number, length: number): string =>
  String.fromCharCode(...bytes.subarray(from, Math.min(bytes.length, from + length)));

/** Whether a byte sequence occurs in the bytes (an ASCII needle). */
function contains(bytes: Uint8Array, needle: string): boolean {
  const codes = [...needle].map((ch) => ch.charCodeAt(0));
  outer: for (let i = 0; i + codes.length <= bytes.length; i += 1) {
    for (let j = 0; j < codes.length; j += 1) if (bytes[i + j] !== codes[j]) continue outer;
    return true;
  }
  return false;
}

const ODT_MIMETYPE = 'application/vnd.oasis.opendocument.text';

/**
 * The media type of a draft file from its content, never from its name: a PDF starts with "%PDF-"; an ODT is a ZIP
 * whose first entry is "mimetype" naming the text document type; a DOCX is a ZIP holding "[Content_Types].xml" and
 * "word/" parts. Anything else, an empty file or one over the limit is refused, naming what is accepted (pure).
 */
export function sniffDraft(bytes: Uint8Array): Result<DraftMediaType> {
  const accepted = 'expected a PDF, DOCX or ODT file';
  if (bytes.length === 0) return { success: false, error: `the file is empty; ${accepted}` };
  if (bytes.length > DRAFT_FILE_LIMIT)
    return {
      success: false,
      error: `the file is ${bytes.length} bytes, over the limit of 20 MiB (${DRAFT_FILE_LIMIT} bytes); send a smaller file`,
    };
  if (ascii(bytes, 0, 5) === '%PDF-') return { success: true, data: 'application/pdf' };
  if (ascii(bytes, 0, 4) === 'PK\u0003\u0004') {
    // The first local header's name starts at byte 30; ODF stores "mimetype" there, uncompressed, first.
    if (ascii(bytes, 30, 8) === 'mimetype' && ascii(bytes, 38, ODT_MIMETYPE.length) === ODT_MIMETYPE)
      return { success: true, data: 'application/vnd.oasis.opendocument.text' };
    if (contains(bytes, '[Content_Types].xml') && contains(bytes, 'word/'))
      return { success: true, data: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' };
    return {
      success: false,
      error: `the file is a ZIP archive but neither a DOCX nor an ODT text document; ${accepted}`,
    };
  }
  return { success: false, error: `the file's content is not a PDF, DOCX or ODT document; ${accepted}` };
}
