export { processWorkflow } from './process.workflow.js';
export { ledgerWorkflow } from './ledger.workflow.js';
export { delegationPlanWorkflow } from './delegation-plan.workflow.js';
