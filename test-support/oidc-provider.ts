import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { decodeJwt, exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';

/** A person the test provider knows, with the claims it releases about them. */
export interface ProviderAccount {
  sub: string;
  preferred_username?: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
}

/** A client registered with the test provider. */
export interface ProviderClient {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

/** A running OpenID Connect provider on loopback, whose sign-in page signs in whoever the test names. */
export interface TestOidcProvider {
  issuer: string;
  /** The account the next interaction signs in (the provider's login page, answered without a person). */
  signInAs(sub: string): void;
  /**
   * Rewrites the claims of the next ID tokens the token endpoint returns and re-signs them with the provider's own
   * key (a token valid in signature but wrong in content: another audience, past its expiry); undefined stops.
   */
  tamperIdTokens(rewrite: ((claims: JWTPayload) => JWTPayload) | undefined): void;
  stop(): Promise<void>;
}

const listen = (server: Server) =>
  new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
  });

/**
 * Starts `oidc-provider` on a free loopback port with the given clients and accounts: authorization code with
 * PKCE, claims in the ID token and from userinfo, consent granted for registered clients.
 */
export async function startOidcProvider(options: {
  clients: ProviderClient[];
  accounts: ProviderAccount[];
}): Promise<TestOidcProvider> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const accounts = new Map(options.accounts.map((a) => [a.sub, a]));
  let nextSub: string | undefined;
  let rewrite: ((claims: JWTPayload) => JWTPayload) | undefined;

  // The issuer URL needs the port, so the server listens before the provider exists.
  const route: { handler?: (req: IncomingMessage, res: ServerResponse) => void } = {};
  const server = createServer((req, res) => route.handler?.(req, res));
  const port = await listen(server);
  const issuer = `http://127.0.0.1:${port}`;

  const provider = new Provider(issuer, {
    clients: options.clients.map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      redirect_uris: [c.redirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    })),
    jwks: { keys: [jwk as never] },
    cookies: { keys: ['a test provider cookie key, not a secret'] },
    claims: { openid: ['sub'], profile: ['preferred_username', 'name'], email: ['email', 'email_verified'] },
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => true },
    ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 3600, IdToken: 600, Interaction: 600, Session: 3600 },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx, sub) {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return { accountId: sub, claims: async () => ({ ...account }) };
    },
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const { client, session } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope('openid profile email');
      await grant.save();
      return grant;
    },
  });
  provider.use(async (ctx, next) => {
    await next();
    const body = ctx.body as { id_token?: string } | undefined;
    if (ctx.path !== '/token' || !rewrite || !body?.id_token) return;
    const claims = rewrite(decodeJwt(body.id_token));
    const idToken = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: jwk.kid }).sign(privateKey);
    ctx.body = { ...body, id_token: idToken };
  });

  const oidcCallback = provider.callback();
  route.handler = (req, res) => {
    if (!req.url?.startsWith('/interaction/')) return oidcCallback(req, res);
    void (async () => {
      try {
        const details = await provider.interactionDetails(req, res);
        if (details.prompt.name !== 'login' || !nextSub) throw new Error(`unexpected prompt ${details.prompt.name}`);
        await provider.interactionFinished(
          req,
          res,
          { login: { accountId: nextSub } },
          { mergeWithLastSubmission: false },
        );
      } catch (err) {
        res.statusCode = 500;
        res.end(`test provider interaction failed: ${(err as Error).message}`);
      }
    })();
  };

  return {
    issuer,
    signInAs(sub) {
      nextSub = sub;
    },
    tamperIdTokens(fn) {
      rewrite = fn;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
