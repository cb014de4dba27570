import { toPlainDate } from '../calendar/index.js';
import { callApi, problemDetail, withinSeconds, type WebContext, type WebDeps } from './deps.js';
import { formatDate } from './format.js';
import type { RecordsText } from './delegation-records-text.js';
import type { ExportColumn } from './table-export.js';

/** A rule set as `GET /api/delegations/rule-sets` lists it. */
export interface RuleSetInfo {
  id: string;
  version: number;
  title: string;
  year: number;
  validFrom: string;
  validTo: string;
  tripsPerKeyLeaderPerYear: number;
  planAdjustment: { deadline: string; maxOutbound: number; maxInbound: number; times: number };
}

/** One trip of a person in the ledger, with where it went when its dossier tells. */
export interface LedgerTrip {
  delegation: string;
  startDate: string;
  endDate: string;
  reportDueAt: string;
  reportFiledAt: string | null;
  /** Each country with its days; null when the dossier cannot be read or does not say. */
  countries: Array<{ country: string; days: number }> | null;
}

/** One person of the year's ledger with their trips and what the rule set leaves them. */
export interface LedgerPerson {
  person: string;
  name: string;
  position: string;
  unit: string;
  keyLeader: boolean;
  trips: LedgerTrip[];
  tripsLeft: number | null;
  overLimit: boolean;
}

/** A year's ledger as the page shows it. */
export interface YearLedger {
  ruleSet: string;
  year: number;
  tripsPerKeyLeader: number | null;
  people: LedgerPerson[];
}

/** How long the page waits for one dossier's facts before showing its trip without countries. */
const DOSSIER_WAIT_SECONDS = 8;

/** What a delegation dossier's facts say of its people and countries, as recorded at its start. */
interface TripFacts {
  people?: Array<{ id: string; name: string; position: string; unit: string }>;
  countries?: Array<{ country: string; days: number }>;
  keyLeaders?: string[];
}

/** The rule sets through the API: a list, or the API's refusal (status and message). */
export async function ruleSetsOf(
  deps: WebDeps,
  c: WebContext,
): Promise<{ ok: true; ruleSets: RuleSetInfo[] } | { ok: false; status: number; detail: string }> {
  const response = await callApi(deps, c, '/api/delegations/rule-sets');
  if (response.status !== 200) return { ok: false, status: response.status, detail: await problemDetail(response) };
  return { ok: true, ruleSets: ((await response.json()) as { ruleSets: RuleSetInfo[] }).ruleSets };
}

/** The rule sets that govern trips starting in a year, the one made for that year first (pure). */
export const ruleSetsForYear = (ruleSets: RuleSetInfo[], year: number): RuleSetInfo[] =>
  ruleSets
    .filter((r) => Number(r.validFrom.slice(0, 4)) <= year && year <= Number(r.validTo.slice(0, 4)))
    .sort((a, b) => Number(b.year === year) - Number(a.year === year) || a.id.localeCompare(b.id));

/** The year asked for (1900-2200), else this year in Asia/Ho_Chi_Minh (pure). */
export function yearOf(asked: string | undefined, now: Date): number {
  const n = Number(asked);
  return asked !== undefined && Number.isInteger(n) && n >= 1900 && n <= 2200
    ? n
    : Number(toPlainDate(now.getTime()).slice(0, 4));
}

/**
 * The ledger of a rule set and year through the API, one row a person: each trip with its countries and days and
 * each person's name, position and unit from the facts its dossier was started with (a trip whose dossier does not
 * answer within seconds is shown with what the ledger holds).
 */
export async function yearLedger(
  deps: WebDeps,
  c: WebContext,
  ruleSet: string,
  year: number,
): Promise<{ ok: true; ledger: YearLedger } | { ok: false; status: number; detail: string }> {
  const path = `/api/delegations/ledgers/${encodeURIComponent(ruleSet)}/${year}`;
  const response = await callApi(deps, c, path);
  if (response.status !== 200) return { ok: false, status: response.status, detail: await problemDetail(response) };
  const body = (await response.json()) as {
    tripsPerKeyLeader: number | null;
    entries: Array<Omit<LedgerTrip, 'countries'> & { person: string }>;
  };
  const delegations = [...new Set(body.entries.map((e) => e.delegation))];
  const facts = new Map<string, TripFacts>();
  await Promise.all(
    delegations.map(async (id) => {
      const read = await withinSeconds(DOSSIER_WAIT_SECONDS, async () => {
        const answer = await callApi(deps, c, `/api/dossiers/${encodeURIComponent(id)}`);
        return answer.status === 200 ? ((await answer.json()) as { facts?: TripFacts }).facts : undefined;
      });
      if (read) facts.set(id, read);
    }),
  );
  return {
    ok: true,
    ledger: { ruleSet, year, tripsPerKeyLeader: body.tripsPerKeyLeader, people: peopleOf(body, facts) },
  };
}

/** The ledger's entries grouped by person, each named from their trips' facts (pure). */
function peopleOf(
  body: { tripsPerKeyLeader: number | null; entries: Array<Omit<LedgerTrip, 'countries'> & { person: string }> },
  facts: Map<string, TripFacts>,
): LedgerPerson[] {
  const byPerson = new Map<string, LedgerPerson>();
  for (const { person, ...entry } of body.entries) {
    const trip = facts.get(entry.delegation);
    const named = trip?.people?.find((p) => p.id === person);
    const row = byPerson.get(person) ?? {
      person,
      name: person,
      position: '',
      unit: '',
      keyLeader: false,
      trips: [],
      tripsLeft: null,
      overLimit: false,
    };
    if (named) Object.assign(row, { name: named.name, position: named.position, unit: named.unit });
    if (trip?.keyLeaders?.includes(person)) row.keyLeader = true;
    if (!row.trips.some((t) => t.delegation === entry.delegation))
      row.trips.push({ ...entry, countries: trip?.countries ?? null });
    byPerson.set(person, row);
  }
  const limit = body.tripsPerKeyLeader;
  return [...byPerson.values()].map((p) => {
    p.trips.sort((a, b) => a.startDate.localeCompare(b.startDate));
    if (p.keyLeader && limit !== null) {
      p.tripsLeft = Math.max(0, limit - p.trips.length);
      p.overLimit = p.trips.length > limit;
    }
    return p;
  });
}

/** How the page is filtered and sorted: a name or id to find, a unit, and the order. */
export interface LedgerView {
  q: string;
  unit: string;
  sort: 'name' | 'unit' | 'trips';
}

/** Lower case without Vietnamese marks, so "tran" finds "Trần" (pure). */
const folded = (text: string) =>
  text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();

/** The people the filters keep, in the order asked (pure). */
export function arrangeLedger(people: readonly LedgerPerson[], view: LedgerView): LedgerPerson[] {
  const q = folded(view.q.trim());
  const byName = (a: LedgerPerson, b: LedgerPerson) => a.name.localeCompare(b.name, 'vi');
  const order = {
    name: byName,
    unit: (a: LedgerPerson, b: LedgerPerson) => a.unit.localeCompare(b.unit, 'vi') || byName(a, b),
    trips: (a: LedgerPerson, b: LedgerPerson) => b.trips.length - a.trips.length || byName(a, b),
  }[view.sort];
  return people
    .filter((p) => !q || folded(p.name).includes(q) || folded(p.person).includes(q))
    .filter((p) => !view.unit || p.unit === view.unit)
    .sort(order);
}

/** A trip's countries as "Nhật Bản (4 ngày), Hàn Quốc (2 ngày)", or a dash when unknown (pure). */
export const countriesText = (t: RecordsText, trip: LedgerTrip): string =>
  trip.countries === null ? t.unknown : trip.countries.map((c) => `${c.country} (${t.days(c.days)})`).join(', ');

/** The columns of the ledger's exports, one row a trip (pure). */
export function ledgerColumns(t: RecordsText): ExportColumn<{ person: LedgerPerson; trip: LedgerTrip }>[] {
  return [
    { header: t.person, value: (r) => r.person.name, width: 30 },
    { header: 'ID', value: (r) => r.person.person },
    { header: t.position, value: (r) => r.person.position, width: 30 },
    { header: t.unit, value: (r) => r.person.unit, width: 30 },
    { header: t.keyLeader, value: (r) => (r.person.keyLeader ? t.yes : t.no) },
    { header: t.tripsUsed, value: (r) => r.person.trips.length },
    { header: t.tripsLeft, value: (r) => r.person.tripsLeft ?? '' },
    { header: t.dates, value: (r) => `${formatDate(r.trip.startDate)} – ${formatDate(r.trip.endDate)}` },
    { header: t.countries, value: (r) => countriesText(t, r.trip), width: 40 },
    { header: t.dossier, value: (r) => r.trip.delegation, width: 40 },
    {
      header: t.report,
      value: (r) =>
        r.trip.reportFiledAt
          ? t.reportFiled(formatDate(r.trip.reportFiledAt))
          : t.reportDue(formatDate(r.trip.reportDueAt)),
    },
  ];
}
