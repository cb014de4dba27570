/** How long a page's cursor stands in for its page number: a minute, the time a person takes to ask for the next page. */
export const CURSOR_MEMORY_MS = 60_000;

/** How many cursors are kept at most; the oldest goes first. */
export const CURSOR_MEMORY_SIZE = 500;

const cursors = new Map<string, { token: Uint8Array; at: number }>();

/**
 * The cursors remembered for one reader's query, by the number of rows before them: a list read page by page (the
 * supervision page walks ten, a person clicks "next") reads each page once instead of every row before it. A
 * remembered cursor is the row after the page that reader was shown, so a dossier started since neither shifts a row
 * they saw onto the next page nor hides one; it is kept per reader, since another reader was not shown that page.
 * `scope` names the server, namespace and reader.
 */
export function rememberedCursors(scope: string, query: string, now: () => number = Date.now) {
  const keyOf = (offset: number) => `${scope}\n${offset}\n${query}`;
  return {
    /** The token after the first `offset` rows, when a page ending there was listed in the last minute. */
    at(offset: number): Uint8Array | undefined {
      const key = keyOf(offset);
      const found = cursors.get(key);
      if (found && now() - found.at <= CURSOR_MEMORY_MS) return found.token;
      cursors.delete(key);
      return undefined;
    },
    /** Remembers the token after the first `offset` rows. */
    remember(offset: number, token: Uint8Array): void {
      const key = keyOf(offset);
      cursors.delete(key);
      cursors.set(key, { token, at: now() });
      for (const oldest of cursors.keys()) {
        if (cursors.size <= CURSOR_MEMORY_SIZE) break;
        cursors.delete(oldest);
      }
    },
  };
}
