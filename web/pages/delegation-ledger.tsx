import type { Child } from 'hono/jsx';
import {
  countriesText,
  type LedgerPerson,
  type LedgerView,
  type RuleSetInfo,
  type YearLedger,
} from '../delegation-ledger-data.js';
import type { RecordsText } from '../delegation-records-text.js';
import { formatDate } from '../format.js';
import { Layout, type Frame } from '../layout.js';

/** The year and rule set picker shared by the ledger and plan pages. */
export function YearPicker(props: {
  t: RecordsText;
  action: string;
  year: number;
  ruleSet: string;
  ruleSets: RuleSetInfo[];
  /** The name of the form for screen readers: the page it chooses for. */
  label: string;
  children?: Child;
}) {
  const { t } = props;
  return (
    <form class="filters" method="get" action={props.action} role="search" aria-label={props.label}>
      <label>
        {t.year}
        <input name="year" type="number" min="1900" max="2200" value={String(props.year)} />
      </label>
      {props.ruleSets.length > 1 && (
        <label>
          {t.ruleSet}
          <select name="rules">
            {props.ruleSets.map((r) => (
              <option value={r.id} selected={r.id === props.ruleSet}>
                {`${r.title} (${r.id})`}
              </option>
            ))}
          </select>
        </label>
      )}
      {props.children}
      <button type="submit">{t.show}</button>
    </form>
  );
}

/** One person's row: name, unit, key leader, trips used and left, and each trip with its dossier. */
function PersonRow(props: { t: RecordsText; p: LedgerPerson }) {
  const { t, p } = props;
  return (
    <tr data-person={p.person}>
      <th scope="row">
        {p.name}
        <br />
        <span class="muted">{[p.position, p.person].filter(Boolean).join(' · ')}</span>
      </th>
      <td>{p.unit || t.unknown}</td>
      <td>{p.keyLeader ? t.yes : t.no}</td>
      <td class="trips-used">{p.trips.length}</td>
      <td class={p.overLimit ? 'late trips-left' : 'trips-left'}>
        {p.tripsLeft === null ? t.unknown : p.overLimit ? `${p.tripsLeft} (${t.overLimit})` : p.tripsLeft}
      </td>
      <td>
        <ul class="trips">
          {p.trips.map((trip) => (
            <li>
              <a href={`/dossiers/${encodeURIComponent(trip.delegation)}`}>
                {`${formatDate(trip.startDate)} – ${formatDate(trip.endDate)}`}
              </a>
              {`: ${countriesText(t, trip)}; ${t.report.toLowerCase()} `}
              {trip.reportFiledAt
                ? t.reportFiled(formatDate(trip.reportFiledAt))
                : t.reportDue(formatDate(trip.reportDueAt))}
            </li>
          ))}
        </ul>
      </td>
    </tr>
  );
}

/** The ledger of a year per person, with its filters and exports. */
export function LedgerPage(
  props: Frame & {
    t: RecordsText;
    ruleSets: RuleSetInfo[];
    ruleSet: string;
    year: number;
    ledger: YearLedger | undefined;
    shown: LedgerPerson[];
    view: LedgerView;
  },
) {
  const { t, ledger, view } = props;
  const units = [...new Set((ledger?.people ?? []).map((p) => p.unit).filter(Boolean))].sort((a, b) =>
    a.localeCompare(b, 'vi'),
  );
  const query = new URLSearchParams({ year: String(props.year), rules: props.ruleSet, ...view }).toString();
  return (
    <Layout {...props} title={t.ledgerTitle}>
      <p>{t.ledgerIntro}</p>
      <YearPicker
        t={t}
        action="/delegations/ledger"
        label={t.ledgerTitle}
        year={props.year}
        ruleSet={props.ruleSet}
        ruleSets={props.ruleSets}
      >
        <label>
          {t.search}
          <input name="q" type="search" value={view.q} />
        </label>
        <label>
          {t.unit}
          <select name="unit">
            <option value="">{t.allUnits}</option>
            {units.map((u) => (
              <option value={u} selected={u === view.unit}>
                {u}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.sort}
          <select name="sort">
            {(['name', 'unit', 'trips'] as const).map((s) => (
              <option value={s} selected={s === view.sort}>
                {{ name: t.sortName, unit: t.sortUnit, trips: t.sortTrips }[s]}
              </option>
            ))}
          </select>
        </label>
      </YearPicker>
      {!ledger ? (
        <p>{t.noRuleSet(props.year)}</p>
      ) : (
        <section aria-labelledby="ledger-h">
          <h2 id="ledger-h">{`${t.year} ${props.year}`}</h2>
          <p>
            {t.people(ledger.people.length, ledger.tripsPerKeyLeader)}{' '}
            <a href={`/delegations/plan?year=${props.year}&rules=${encodeURIComponent(props.ruleSet)}`}>{t.planLink}</a>
          </p>
          {ledger.people.length === 0 ? (
            <p>{t.noPeople}</p>
          ) : props.shown.length === 0 ? (
            <p>{t.noMatch}</p>
          ) : (
            <>
              <p>
                <a href={`/delegations/ledger.csv?${query}`} download>
                  {t.csv}
                </a>
                {' · '}
                <a href={`/delegations/ledger.xlsx?${query}`} download>
                  {t.xlsx}
                </a>
              </p>
              <div class="table-wrap">
                <table class="year-ledger">
                  <caption>{t.ledgerTitle}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t.person}</th>
                      <th scope="col">{t.unit}</th>
                      <th scope="col">{t.keyLeader}</th>
                      <th scope="col">{t.tripsUsed}</th>
                      <th scope="col">{t.tripsLeft}</th>
                      <th scope="col">{t.trips}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {props.shown.map((p) => (
                      <PersonRow t={t} p={p} />
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </section>
      )}
    </Layout>
  );
}
