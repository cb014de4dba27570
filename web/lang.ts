import type { MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { WebEnv } from './deps.js';
import { messagesOf, type Lang } from './messages.js';

/** The cookie that keeps the chosen language for a year. */
export const LANG_COOKIE = 'duyet_lang';

const asLang = (value: string | undefined): Lang | undefined => (value === 'en' || value === 'vi' ? value : undefined);

/** Picks the language: `?lang=en|vi` (remembered in a cookie), else the cookie, else Vietnamese. */
export const chooseLanguage: MiddlewareHandler<WebEnv> = async (c, next) => {
  const asked = asLang(c.req.query('lang'));
  if (asked) setCookie(c, LANG_COOKIE, asked, { path: '/', sameSite: 'Lax', maxAge: 365 * 86_400 });
  const lang = asked ?? asLang(getCookie(c, LANG_COOKIE)) ?? 'vi';
  c.set('lang', lang);
  c.set('m', messagesOf(lang));
  await next();
};
