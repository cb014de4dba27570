import { temporal } from '@temporalio/proto';
import type { Client } from '@temporalio/client';

/**
 * Waits until a worker polls the task queue for workflow tasks, so a Query sent next finds a poller; the
 * server answers a Query at once with "no poller seen" while the worker's first poll is still on its way.
 */
export async function untilPolled(client: Client, taskQueue: string, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const { pollers } = await client.workflowService.describeTaskQueue({
      namespace: client.options.namespace,
      taskQueue: { name: taskQueue },
      taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
    });
    if ((pollers ?? []).length > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no worker polled task queue ${taskQueue} within ${timeoutMs / 1000} s`);
}
