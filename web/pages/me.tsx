import { formatDateTime } from '../format.js';
import { Layout, type Frame } from '../layout.js';

/** Who I am: name, id, email, roles and when the session ends. */
export function MePage(props: Frame & { roleNames: Record<string, string> }) {
  const { m, session } = props;
  if (!session) return null;
  const { user } = session;
  return (
    <Layout {...props} title={m.whoAmI}>
      <dl class="facts">
        <dt>{m.name}</dt>
        <dd>{user.name}</dd>
        <dt>{m.userId}</dt>
        <dd>{user.id}</dd>
        <dt>{m.email}</dt>
        <dd>{user.email}</dd>
        <dt>{m.roles}</dt>
        <dd>
          {user.roles.length === 0 ? (
            m.noRoles
          ) : (
            <ul>
              {user.roles.map((role) => (
                <li>
                  {props.roleNames[role] ?? role} <span class="muted">({role})</span>
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>{m.sessionEnds}</dt>
        <dd>{formatDateTime(session.absoluteExpiresAt)}</dd>
      </dl>
    </Layout>
  );
}
