import { defaultCalendarDir, loadCalendarTable } from '../client/calendar-tables.js';
import { createProcess } from '../machines/create-process.js';
import { task } from '../machines/definitions/task.definition.js';
import { parseStartInput } from '../machines/input.schema.js';

/** The task process, compiled as the faces compile it. */
export const taskProcess = createProcess(task);

/** Days off and working days for the years the task tests span. */
export const taskCalendar = loadCalendarTable(defaultCalendarDir, [2014, 2015, 2016, 2017, 2018]);

/** Task 1.1 of seed 003 as a start input: Ministry of Foreign Affairs leads, two ministries coordinate, due end of 2016. */
export const taskInput = {
  subject: 'Xây dựng Chiến lược tổng thể hội nhập quốc tế đến năm 2020, tầm nhìn đến năm 2030',
  milestones: { product: '2016-12-31T23:59:59+07:00' },
  facts: { lead: 'bo-ngoai-giao', coordinators: ['bo-cong-thuong', 'bo-ke-hoach-va-dau-tu'] },
};

/** Who acts in the task tests: the lead's and a coordinator's focal points, the authority, the supervisor. */
export const taskActors = {
  lead: { actor: 'ngoai-giao.dau-moi', roles: ['focal-point@bo-ngoai-giao'] },
  coordinator: { actor: 'cong-thuong.dau-moi', roles: ['focal-point@bo-cong-thuong'] },
  authority: { actor: 'pham.minh', roles: ['authority'] },
  supervisor: { actor: 'dang.quang', roles: ['supervisor'] },
} as const;

/** Starts the task machine on {@link taskInput} at an instant early in 2014. */
export function startTask(at = '2014-06-20T09:00:00+07:00', input: unknown = taskInput) {
  const context = parseStartInput(taskProcess.definition, input, at, taskCalendar);
  if (!context.success) throw new Error(context.error);
  return taskProcess.start(context.data);
}
