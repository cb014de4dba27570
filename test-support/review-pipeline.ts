import { readFileSync } from 'node:fs';
import { defaultCalendarDir, loadCalendarTable } from '../client/calendar-tables.js';
import { parseStartInput } from '../machines/input.schema.js';
import { createProcess } from '../machines/create-process.js';
import { reviewPipeline } from '../machines/definitions/review-pipeline.definition.js';

/** The example input the README and CLI use, read from examples/. */
export const exampleInput = JSON.parse(
  readFileSync(new URL('../examples/review-pipeline.json', import.meta.url), 'utf8'),
) as unknown;

export const pipeline = createProcess(reviewPipeline);

/** Days off and working days for the years the tests run in, from the shipped data files. */
export const calendar = loadCalendarTable(defaultCalendarDir, [2023, 2024, 2025, 2026, 2027, 2028]);

/** Starts the pipeline machine on the example dossier at a fixed instant. */
export function startExample(at = '2027-09-01T08:00:00+07:00') {
  const context = parseStartInput(pipeline.definition, exampleInput, at, calendar);
  if (!context.success) throw new Error(context.error);
  return pipeline.start(context.data);
}

/** Roles of the demo users that act at each stage. */
export const actors = {
  secretariat: { actor: 'nguyen.thu', roles: ['secretariat'] },
  pm: { actor: 'pham.minh', roles: ['pm'] },
  'standing-government': { actor: 'le.hoa', roles: ['standing-government'] },
  'party-committee': { actor: 'tran.binh', roles: ['party-committee'] },
  politburo: { actor: 'vo.lan', roles: ['politburo'] },
  supervisor: { actor: 'dang.quang', roles: ['supervisor'] },
} as const;
