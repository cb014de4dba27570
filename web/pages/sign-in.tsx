import { Layout, type Frame } from '../layout.js';

/** The sign-in page: a local account form, and the organisation's provider when configured. */
export function SignInPage(
  props: Frame & { next: string; oidc: boolean; error?: string | undefined; userId?: string },
) {
  const { m } = props;
  return (
    <Layout {...props} title={m.signInTitle}>
      {props.error && (
        <p class="error" role="alert" id="sign-in-error">
          {props.error}
        </p>
      )}
      <form class="stack" method="post" action="/sign-in">
        <input type="hidden" name="next" value={props.next} />
        <label>
          {m.userId}
          <input
            name="userId"
            autocomplete="username"
            required
            value={props.userId ?? ''}
            aria-describedby={props.error ? 'sign-in-error' : undefined}
          />
        </label>
        <label>
          {m.password}
          <input name="password" type="password" autocomplete="current-password" required />
        </label>
        <button class="primary" type="submit">
          {m.signIn}
        </button>
      </form>
      {props.oidc && (
        <p>
          <a href={`/auth/oidc/start?next=${encodeURIComponent(props.next)}`}>{m.signInOidc}</a>
        </p>
      )}
    </Layout>
  );
}
