import type { SessionUser, WebContext } from './deps.js';
import type { Frame } from './layout.js';

/** The frame of a page for this request. */
export function frameOf(c: WebContext): Frame {
  const url = new URL(c.req.url);
  return {
    lang: c.get('lang'),
    m: c.get('m'),
    path: `${url.pathname}${url.search}`,
    session: c.get('session') as SessionUser | undefined,
    inboxCount: c.get('inboxCount') as number | undefined,
  };
}
