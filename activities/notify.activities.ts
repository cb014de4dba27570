/** A message the workflow asks to deliver, e.g. telling the awaited role that a dossier waits for them. */
export interface Notification {
  workflowId: string;
  process: string;
  subject: string;
  stage: string;
  /** The role told. */
  to: string;
  template: string;
  draftVersion: number;
  dueAt: string | null;
}

/** Delivers notifications over some channel. */
export interface Notifier {
  send(notification: Notification): Promise<void>;
}

/** A notifier that writes each notification as one JSON line to the worker's standard output. */
export const logNotifier: Notifier = {
  async send(notification) {
    process.stdout.write(`duyet notify ${JSON.stringify(notification)}\n`);
  },
};

/** The notification activities, over the given notifier. */
export function createNotifyActivities(deps: { notifier: Notifier }) {
  return {
    async notify(notification: Notification): Promise<void> {
      await deps.notifier.send(notification);
    },
  };
}
