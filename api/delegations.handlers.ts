import { toPlainDate } from '../calendar/dates.js';
import { checkDelegation as check } from '../client/delegations.js';
import { startDossier } from '../client/dossiers.js';
import { checkSize } from '../client/limits.js';
import type { Finding } from '../delegation/rules.js';
import { delegationRoles, proposerRole, requireRole } from './delegations.access.js';
import type * as routes from './delegations.routes.js';
import { travellerTrips } from './delegations.travellers.js';
import type { AppRouteHandler } from './types.js';

/** What a check's findings come to: a rule blocks, exceptions await the competent authority, or nothing stands in the way (pure). */
function outcomeOf(findings: Array<{ severity: string }>): 'ok' | 'blocked' | 'awaitingDecision' {
  if (findings.some((f) => f.severity === 'block')) return 'blocked';
  if (findings.some((f) => f.severity === 'exception')) return 'awaitingDecision';
  return 'ok';
}

/** Checks a proposal against its rule set and the ledger, for a user who acts in delegation approvals. */
export const checkDelegation: AppRouteHandler<typeof routes.checkDelegation> = async (c) => {
  const { client, config } = c.var.deps;
  requireRole(c.var.principal.user, delegationRoles(), 'check a delegation proposal');
  const proposal = c.req.valid('json');
  const query = c.req.valid('query');
  checkSize('input', proposal, 'the proposal');
  const result = await check(client, config, proposal, {
    rules: query.rules,
    today: query.today ?? toPlainDate(Date.now()),
  });
  const travellers = await travellerTrips(client, config, proposal, result.ruleSet.id);
  return c.json({ ...result, outcome: outcomeOf(result.findings), travellers }, 200);
};

/** Starts a delegation dossier for a unit the user acts for; refused proposals start nothing. */
export const startDelegation: AppRouteHandler<typeof routes.startDelegation> = async (c) => {
  const { client, config } = c.var.deps;
  const { user } = c.var.principal;
  requireRole(user, [proposerRole()], 'start a delegation: a delegation is proposed by its organising unit');
  const proposal = c.req.valid('json');
  checkSize('input', proposal, 'the proposal');
  const { rules } = c.req.valid('query');
  // The delegation's own start check refuses another unit's proposal, as it does on every route that starts one.
  const started = await startDossier(client, config, {
    process: 'delegation',
    input: proposal,
    options: { rules },
    starter: user,
  });
  return c.json({ workflowId: started.workflowId, findings: (started.findings as Finding[] | undefined) ?? [] }, 201);
};
