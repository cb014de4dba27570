import { describe, expect, it } from 'vitest';
import { useApi } from '../../test-support/api.js';

const api = useApi();

/** Routes anyone may call: health, the API's description, and the ways to sign in or out. */
const publicRoutes = new Set([
  'GET /healthz',
  'GET /openapi.json',
  'GET /docs',
  'POST /auth/sign-in',
  'POST /auth/sign-out',
  'GET /auth/oidc/start',
  'GET /auth/oidc/callback',
]);

/** Every route of the OpenAPI document as "METHOD /path" (pure). */
const routesOf = (doc: { paths: Record<string, Record<string, unknown>> }) =>
  Object.entries(doc.paths).flatMap(([path, operations]) =>
    Object.keys(operations).map((method) => `${method.toUpperCase()} ${path.replace(/\{[^}]+\}/g, 'x')}`),
  );

describe('requests without credentials, over every route the OpenAPI document lists', () => {
  it('documents the sign-in routes with their answers', async () => {
    const doc = (await api.call('GET', '/openapi.json')).json;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/auth/sign-in',
        '/auth/sign-out',
        '/auth/session',
        '/auth/oidc/start',
        '/auth/oidc/callback',
      ]),
    );
    expect(Object.keys(doc.paths['/auth/sign-in'].post.responses).sort()).toEqual([
      '200',
      '303',
      '400',
      '401',
      '403',
      '422',
      '429',
    ]);
    expect(doc.components.securitySchemes.session).toMatchObject({ type: 'apiKey', in: 'cookie' });
  });

  it('answers 401 problem+json on every route that is not public', async () => {
    const doc = (await api.call('GET', '/openapi.json')).json;
    const routes = routesOf(doc);
    const guarded = routes.filter((r) => !publicRoutes.has(r));
    // The public list names routes the document has (or serves beside it), so a renamed one is not missed.
    for (const route of publicRoutes)
      if (route !== 'GET /openapi.json' && route !== 'GET /docs') expect(routes).toContain(route);
    expect(guarded.length).toBeGreaterThanOrEqual(6);
    const answers: string[] = [];
    for (const route of guarded) {
      const [method, path] = route.split(' ') as [string, string];
      const res = await api.call(method, path, method === 'GET' ? {} : { body: {} });
      answers.push(`${route} ${res.status} ${res.type}`);
    }
    expect(answers).toEqual(guarded.map((r) => `${r} 401 application/problem+json`));
  });

  it('serves the public routes without credentials', async () => {
    expect((await api.call('GET', '/healthz')).status).toBe(200);
    expect((await api.call('GET', '/openapi.json')).status).toBe(200);
    expect((await api.call('GET', '/docs')).status).toBe(200);
    expect((await api.call('POST', '/auth/sign-in', { body: { userId: 'pham.minh', password: 'sai' } })).status).toBe(
      401,
    );
  });
});
