import type { getMe } from './me.routes.js';
import type { AppRouteHandler } from './types.js';

/** Answers with the authenticated user. */
export const me: AppRouteHandler<typeof getMe> = (c) => {
  const { user, via } = c.var.principal;
  return c.json({ ...user, via }, 200);
};
