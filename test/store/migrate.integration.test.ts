import { describe, expect, it } from 'vitest';
import { migrate, migrations } from '../../store/index.js';
import { useTestStore } from '../../test-support/store.js';

const store = useTestStore();

describe('migrations', () => {
  it('records every migration once and applies nothing on a second start', async () => {
    const { rows } = await store.db.query<{ version: number; name: string }>(
      'SELECT version, name FROM schema_migrations ORDER BY version',
    );
    expect(rows).toEqual(migrations.map((m) => ({ version: m.version, name: m.name })));
    expect(await migrate(store.db)).toEqual([]);
  });

  it('applies a new numbered migration at start, and two processes starting together apply it once', async () => {
    const next = {
      version: 9001,
      name: 'test-only column',
      sql: 'ALTER TABLE audit_log ADD COLUMN test_only_note text',
    };
    const applied = await Promise.all([
      migrate(store.db, [...migrations, next]),
      migrate(store.db, [...migrations, next]),
    ]);
    expect(applied.flat()).toEqual([9001]);
    const { rows } = await store.db.query(
      `SELECT 1 FROM information_schema.columns WHERE column_name = 'test_only_note'`,
    );
    expect(rows).toHaveLength(1);
  });

  it('rolls a failing migration back whole and names it', async () => {
    const broken = {
      version: 9002,
      name: 'broken on purpose',
      sql: 'CREATE TABLE half_done (id int); SELECT * FROM no_such_table',
    };
    await expect(migrate(store.db, [...migrations, broken])).rejects.toThrow(
      'migration 9002 (broken on purpose) failed',
    );
    const { rows } = await store.db.query(`SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done'`);
    expect(rows).toEqual([]);
    const versions = await store.db.query('SELECT 1 FROM schema_migrations WHERE version = 9002');
    expect(versions.rows).toEqual([]);
  });
});
