import { describe, expect, it } from 'vitest';
import { compileMachine } from '../../machines/compile.js';
import { loadDefinition } from '../../machines/definition.js';
import { shippedVersions } from '../../machines/definitions/index.js';
import { definitionHash } from '../../machines/shipped.js';

// The hash of the machine config every shipped definition compiles to. Workflows running on a definition replay its
// compiled machine: a change to the compiler that alters a shipped definition's machine must be deliberate (a new
// version, or a patch), never a side effect of reshaping the compiler's code.
const recorded: Record<string, string> = {
  'review-pipeline@2': '04db33253192be',
  'delegation@2': '1d0fadcc711110',
  'task@1': '1694291efcaf31',
  'task@2': '1694291efcaf31',
  'task@3': '0a451e88f9491e',
  'programme@1': '066d60a1a2c919',
  'programme@2': '105ae2d7eafac2',
  'programme@3': '14141cfe407338',
  'programme@4': '0912d20309605c',
};

/** The compiled config as JSON: functions (an occurrence's escalation params, read from the event) by their place. */
const configOf = (definition: (typeof shippedVersions)[number]) =>
  JSON.parse(
    JSON.stringify(compileMachine(loadDefinition(definition)).config, (_key, value: unknown) =>
      typeof value === 'function' ? '[function]' : value,
    ),
  ) as Record<string, unknown>;

describe('compiled machines of the shipped definitions', () => {
  it('compile to the machine config they compiled to when workflows were started on them', () => {
    const now = Object.fromEntries(
      shippedVersions.map((d) => [`${d.id}@${d.version}`, definitionHash(configOf(d) as never)]),
    );
    expect(now).toEqual(recorded);
  });
});
