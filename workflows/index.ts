export { processWorkflow } from './process.workflow.js';
