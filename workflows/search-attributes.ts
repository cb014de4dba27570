import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** The custom search attributes duyet upserts on every change; the dev server registers them at start. */
export const searchAttributeKeys = {
  process: defineSearchAttributeKey('DuyetProcess', SearchAttributeType.KEYWORD),
  stage: defineSearchAttributeKey('DuyetStage', SearchAttributeType.KEYWORD),
  status: defineSearchAttributeKey('DuyetStatus', SearchAttributeType.KEYWORD),
  awaitedRole: defineSearchAttributeKey('DuyetAwaitedRole', SearchAttributeType.KEYWORD),
  dueAt: defineSearchAttributeKey('DuyetDueAt', SearchAttributeType.DATETIME),
  escalationLevel: defineSearchAttributeKey('DuyetEscalationLevel', SearchAttributeType.INT),
  /** The user the awaited stage was reassigned to, if any. */
  assignee: defineSearchAttributeKey('DuyetAssignee', SearchAttributeType.KEYWORD),
  /** The next report a process with reports owes (an occurrence such as "progressReport@2026"), and its due instant. */
  reportOwed: defineSearchAttributeKey('DuyetReportOwed', SearchAttributeType.KEYWORD),
  reportDueAt: defineSearchAttributeKey('DuyetReportDueAt', SearchAttributeType.DATETIME),
  /** The last report it took ("EVENT/actor/occurrence") and when. */
  lastReport: defineSearchAttributeKey('DuyetLastReport', SearchAttributeType.KEYWORD),
  lastReportAt: defineSearchAttributeKey('DuyetLastReportAt', SearchAttributeType.DATETIME),
} as const;
