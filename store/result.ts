import { createHash } from 'node:crypto';

/** An outcome a caller must handle, shaped like zod's `safeParse`. */
export type Result<T, E> = { success: true; data: T } | { success: false; error: E };

/** The hex SHA-256 of a high-entropy secret: what the store keeps instead of session ids and tokens; pure. */
export const secretHash = (secret: string) => createHash('sha256').update(secret).digest('hex');
