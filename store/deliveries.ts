import type { Queryable } from './db.js';

/** One message accepted by an SMTP server or a webhook receiver. */
export interface DeliveryRecord {
  /** Unique per message: the notification's key, the channel and the recipient. */
  key: string;
  channel: 'email' | 'webhook';
  recipient: string;
  workflowId: string;
}

/** Which of these keys are already in the delivery log. */
export async function recordedDeliveries(db: Queryable, keys: readonly string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const { rows } = await db.query<{ key: string }>('SELECT key FROM deliveries WHERE key = ANY($1)', [keys]);
  return new Set(rows.map((r) => r.key));
}

/** Records an accepted message; returns false when its key was already recorded (by another attempt or worker). */
export async function recordDelivery(db: Queryable, delivery: DeliveryRecord): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO deliveries (key, channel, recipient, workflow_id) VALUES ($1, $2, $3, $4) ON CONFLICT (key) DO NOTHING`,
    [delivery.key, delivery.channel, delivery.recipient, delivery.workflowId],
  );
  return (rowCount ?? 0) > 0;
}

/** The delivery log of one workflow, oldest first. */
export async function deliveriesOf(
  db: Queryable,
  workflowId: string,
): Promise<Array<DeliveryRecord & { deliveredAt: string }>> {
  const { rows } = await db.query<{
    key: string;
    channel: 'email' | 'webhook';
    recipient: string;
    workflow_id: string;
    delivered_at: Date;
  }>(
    'SELECT key, channel, recipient, workflow_id, delivered_at FROM deliveries WHERE workflow_id = $1 ORDER BY delivered_at, key',
    [workflowId],
  );
  return rows.map((r) => ({
    key: r.key,
    channel: r.channel,
    recipient: r.recipient,
    workflowId: r.workflow_id,
    deliveredAt: r.delivered_at.toISOString(),
  }));
}
