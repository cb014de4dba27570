import type { Child } from 'hono/jsx';
import { delegationRoles, holdsAny, ledgerReaders } from '../client/delegation-roles.js';
import type { SessionUser } from './deps.js';
import type { Lang, Messages } from './messages.js';

/** What every page's frame needs: the language, its messages, the session (absent on the sign-in page). */
export interface Frame {
  lang: Lang;
  m: Messages;
  /** The path of this page, for the language switch. */
  path: string;
  session?: SessionUser | undefined;
  inboxCount?: number | undefined;
}

/** The link that shows this page in the other language. */
function switchHref(path: string, lang: Lang): string {
  const url = new URL(path, 'http://x');
  url.searchParams.set('lang', lang === 'vi' ? 'en' : 'vi');
  return `${url.pathname}${url.search}`;
}

/**
 * The programmes link of the roles that use them: the list for the secretariat and supervisors, "what we owe" for an
 * agency's focal point, none for the others (pure).
 */
export function programmesLink(roles: readonly string[], m: Messages): string | undefined {
  if (roles.includes('secretariat') || roles.includes('supervisor')) return m.programmes;
  if (roles.some((role) => role.startsWith('focal-point@'))) return m.owedNav;
  return undefined;
}

/** The delegation records the roles may read: the ledger of trips (not the organising units) and the year's plan (pure). */
const delegationLinks = (roles: readonly string[], m: Messages) => [
  ...(holdsAny(roles, ledgerReaders()) ? [{ href: '/delegations/ledger', label: m.ledgerNav }] : []),
  ...(holdsAny(roles, delegationRoles()) ? [{ href: '/delegations/plan', label: m.planNav }] : []),
];

/** The frame of every page: skip link, banner with navigation, the user and sign-out, main landmark, footer. */
export function Layout(props: Frame & { title: string; children?: Child }) {
  const { lang, m, session } = props;
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · duyet`}</title>
        <link rel="stylesheet" href="/assets/duyet.css" />
      </head>
      <body>
        <a class="skip" href="#main">
          {m.skip}
        </a>
        <header class="top">
          <a class="brand" href="/">
            {m.appName}
          </a>
          {session && (
            <nav aria-label={m.nav}>
              <ul>
                <li>
                  <a href="/inbox">
                    {m.inbox} <span class="badge">{props.inboxCount ?? 0}</span>
                  </a>
                </li>
                <li>
                  <a href="/start">{m.start}</a>
                </li>
                <li>
                  <a href="/supervision">{m.supervision}</a>
                </li>
                <li>
                  <a href="/calendar">{m.calendar}</a>
                </li>
                {programmesLink(session.user.roles, m) && (
                  <li>
                    <a href="/programmes">{programmesLink(session.user.roles, m)}</a>
                  </li>
                )}
                {delegationLinks(session.user.roles, m).map((link) => (
                  <li>
                    <a href={link.href}>{link.label}</a>
                  </li>
                ))}
                <li>
                  <a href="/me">{m.me}</a>
                </li>
              </ul>
            </nav>
          )}
          <div class="who">
            <a
              href={switchHref(props.path, lang)}
              hreflang={lang === 'vi' ? 'en' : 'vi'}
              lang={lang === 'vi' ? 'en' : 'vi'}
            >
              {m.switchTo}
            </a>
            {session && (
              <>
                <span>{session.user.name}</span>
                <form method="post" action="/sign-out">
                  <input type="hidden" name="_csrf" value={session.csrfToken} />
                  <button type="submit">{m.signOut}</button>
                </form>
              </>
            )}
          </div>
        </header>
        <main id="main" tabindex={-1}>
          <h1>{props.title}</h1>
          {props.children}
        </main>
        <footer>duyet</footer>
      </body>
    </html>
  );
}
