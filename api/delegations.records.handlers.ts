import { adjustPlan as adjust, showPlan, startPlan as start } from '../client/delegation-plan.js';
import { ledgerEntries } from '../client/ledger.js';
import { loadRuleSets } from '../client/rule-sets.js';
import { delegationRoles, ledgerReaders, PLAN_ROLE, requireRole } from './delegations.access.js';
import type * as routes from './delegations.records.routes.js';
import type { AppRouteHandler } from './types.js';

/** The year's plan, for a user who acts in delegation approvals. */
export const getPlan: AppRouteHandler<typeof routes.getPlan> = async (c) => {
  requireRole(c.var.principal.user, delegationRoles(), "read the year's plan of delegations");
  const { ruleSet, year } = c.req.valid('param');
  return c.json(await showPlan(c.var.deps.client, c.var.deps.config, ruleSet, year), 200);
};

/** Starts the year's plan, for the department that coordinates it. */
export const startPlan: AppRouteHandler<typeof routes.startPlan> = async (c) => {
  requireRole(c.var.principal.user, [PLAN_ROLE], "start the year's plan of delegations");
  const { ruleSet, year } = c.req.valid('param');
  const { items } = c.req.valid('json');
  return c.json(await start(c.var.deps.client, c.var.deps.config, ruleSet, year, items), 201);
};

/** Adjusts the year's plan as the authenticated user, for the department that coordinates it. */
export const adjustPlan: AppRouteHandler<typeof routes.adjustPlan> = async (c) => {
  const { user } = c.var.principal;
  requireRole(user, [PLAN_ROLE], "adjust the year's plan of delegations");
  const { ruleSet, year } = c.req.valid('param');
  const { items, reason } = c.req.valid('json');
  return c.json(await adjust(c.var.deps.client, c.var.deps.config, ruleSet, year, { items, reason, by: user.id }), 200);
};

/** The ledger's limit of trips per key leader, when the rule set is known (shipped or in DUYET_RULE_SETS_DIR). */
const limitOf = (ruleSetsDir: string | undefined, ruleSet: string): number | null =>
  loadRuleSets(ruleSetsDir)[ruleSet]?.tripsPerKeyLeaderPerYear ?? null;

/** The trips approved in a year, for a user who may read the ledger. */
export const getLedger: AppRouteHandler<typeof routes.getLedger> = async (c) => {
  requireRole(c.var.principal.user, ledgerReaders(), 'read the ledger of trips');
  const { ruleSet, year } = c.req.valid('param');
  const { client, config } = c.var.deps;
  const entries = await ledgerEntries(client, config, ruleSet, year);
  return c.json({ ruleSet, year, tripsPerKeyLeader: limitOf(config.ruleSetsDir, ruleSet), entries }, 200);
};

/** One person's trips in a year and how many a key leader has left, for a user who may read the ledger. */
export const getPersonLedger: AppRouteHandler<typeof routes.getPersonLedger> = async (c) => {
  requireRole(c.var.principal.user, ledgerReaders(), "read a person's trips");
  const { ruleSet, year, person } = c.req.valid('param');
  const { client, config } = c.var.deps;
  const entries = (await ledgerEntries(client, config, ruleSet, year)).filter((entry) => entry.person === person);
  const limit = limitOf(config.ruleSetsDir, ruleSet);
  const tripsLeft = limit === null ? null : Math.max(0, limit - entries.length);
  return c.json({ ruleSet, year, person, tripsPerKeyLeader: limit, tripsLeft, entries }, 200);
};

/** The known rule sets with their periods, limits and plan adjustment, for a user who acts in delegation approvals. */
export const listRuleSets: AppRouteHandler<typeof routes.listRuleSets> = (c) => {
  requireRole(c.var.principal.user, delegationRoles(), 'read the rule sets of delegations');
  const ruleSets = Object.values(loadRuleSets(c.var.deps.config.ruleSetsDir)).map((rules) => ({
    id: rules.id,
    version: rules.version,
    title: rules.title,
    year: rules.year,
    validFrom: rules.validFrom,
    validTo: rules.validTo,
    tripsPerKeyLeaderPerYear: rules.tripsPerKeyLeaderPerYear,
    planAdjustment: rules.planAdjustment,
  }));
  return c.json({ ruleSets }, 200);
};
