import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { DecisionInput, ProcessView } from '../machines/process.js';

/** A decision (approve, request revision, reject, withdraw, ...), validated before it enters history. */
export const decideUpdate = defineUpdate<ProcessView, [DecisionInput]>('decide');
/** The JSON-safe view of the process. */
export const viewQuery = defineQuery<ProcessView>('view');
