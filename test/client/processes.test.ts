import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { definitions } from '../../machines/definitions/index.js';
import { allStartOptions, processById, processIds, startOptionsFor } from '../../client/processes.js';
import { authorizeStarter } from '../../client/start.js';
import { loadConfig, packageRoot } from '../../temporal.config.js';

describe('the process registry the faces use', () => {
  it('knows every shipped definition and refuses an unknown id naming the known ones', () => {
    expect(processIds()).toEqual(Object.keys(definitions));
    expect(() => processById('budget')).toThrow(
      /unknown process "budget"; expected one of: review-pipeline, delegation/,
    );
  });

  it('offers the options processes declare, filling in defaults and refusing options a process does not take', () => {
    expect(allStartOptions()).toContainEqual(expect.objectContaining({ name: 'rules', processes: ['delegation'] }));
    expect(startOptionsFor(processById('delegation'), {})).toEqual({ rules: 'by-date' });
    expect(() => startOptionsFor(processById('review-pipeline'), { rules: 'hanoi-2022' })).toThrow(
      'process "review-pipeline" takes no start option "rules"; expected none',
    );
  });

  it('leaves no face branching on a process id', () => {
    const sources = ['client', 'cli'].flatMap((folder) =>
      readdirSync(join(packageRoot, folder))
        .filter((file) => file.endsWith('.ts') && file !== 'processes.ts')
        .map((file) => ({ file: `${folder}/${file}`, text: readFileSync(join(packageRoot, folder, file), 'utf8') })),
    );
    const branches = sources.flatMap(({ file, text }) =>
      processIds()
        .filter((id) => new RegExp(`[!=]==?\\s*['"]${id}['"]|case\\s+['"]${id}['"]`).test(text))
        .map((id) => `${file}: ${id}`),
    );
    expect(branches).toEqual([]);
  });

  it('authorizes a start by the first stage’s role and by what the process itself checks, for every face', () => {
    const config = loadConfig({});
    const proposal = JSON.parse(readFileSync(join(packageRoot, 'examples/delegation-compliant.json'), 'utf8'));
    const unitUser = {
      id: 'tran.mai',
      name: 'Trần Thị Mai',
      email: 'tran.mai@example.vn',
      roles: ['unit'],
      units: ['so-du-lich'],
    };
    expect(() => authorizeStarter(processById('delegation'), unitUser, proposal, config)).not.toThrow();
    const otherUnit = { ...proposal, unit: { name: 'Sở Công Thương', kind: 'department' } };
    expect(() => authorizeStarter(processById('delegation'), unitUser, otherUnit, config)).toThrow(
      /acts for the units so-du-lich, not for "Sở Công Thương" \(so-cong-thuong\)/,
    );
    const pm = { id: 'pham.minh', name: 'Phạm Minh', email: 'pham.minh@example.vn', roles: ['primeMinister'] };
    expect(() => authorizeStarter(processById('delegation'), pm, proposal, config)).toThrow(
      'cannot start "delegation": its first stage belongs to role "unit"',
    );
    const drafter = processById('review-pipeline').compiled.definition;
    const secretariat = { id: 's', name: 'S', email: 's@example.vn', roles: [drafter.stages[drafter.initial]!.role] };
    expect(() => authorizeStarter(processById('review-pipeline'), secretariat, {}, config)).not.toThrow();
  });
});
