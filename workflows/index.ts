export { processWorkflow } from './process.workflow.js';
export { ledgerWorkflow } from './ledger.workflow.js';
