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
} as const;
