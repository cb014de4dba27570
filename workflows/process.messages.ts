import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { DecisionInput, DecisionOutcome, ProcessView } from '../machines/process.js';

/**
 * A decision (approve, request revision, reject, withdraw, ...), validated before it enters history; it returns where
 * the process stands now (the whole view is the query's).
 */
export const decideUpdate = defineUpdate<DecisionOutcome, [DecisionInput]>('decide');
/** The JSON-safe view of the process. */
export const viewQuery = defineQuery<ProcessView>('view');
