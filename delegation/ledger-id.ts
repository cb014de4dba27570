/** The id of the ledger workflow of one rule set and year (pure). */
export const ledgerWorkflowId = (ruleSet: string, year: number) => `delegation-ledger-${ruleSet}-${year}`;
