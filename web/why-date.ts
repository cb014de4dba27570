import { addWorkingDays, isWorkingDay, toPlainDate, type CalendarTable } from '../calendar/index.js';
import type { ProcessDefinition } from '../machines/definition.schema.js';
import type { ProcessView } from '../machines/process.js';
import type { MilestoneState } from '../machines/process.types.js';
import { formatDateTime } from './format.js';
import type { Lang } from './messages.js';
import { explainWorkingDays } from './working-days-text.js';

const words = {
  vi: {
    counted: (n: number, stage: string) => `${n} ngày làm việc kể từ khi hồ sơ vào giai đoạn "${stage}": `,
    paused: 'Đồng hồ đang dừng trong khi sửa dự thảo.',
    given: (due: string) => `Hạn ${due} (giờ Việt Nam), lấy từ kế hoạch hoặc nhập khi khởi tạo hay gia hạn; `,
    working: 'ngày đó là ngày làm việc.',
    off: 'ngày đó là ngày nghỉ; hạn vẫn giữ như đã ghi.',
  },
  en: {
    counted: (n: number, stage: string) => `${n} working days from when the dossier entered stage "${stage}": `,
    paused: 'The clock is stopped while the draft is revised.',
    given: (due: string) => `Due ${due} (Vietnam time), from the plan or given at start or extension; `,
    working: 'that day is a working day.',
    off: 'that day is a day off; the due date stays as written.',
  },
};

/**
 * Why a milestone is due when it is: for one counted in working days from a stage, the count from the day the
 * dossier entered that stage with the days it stepped over (in the page's language); for a
 * given date, whether that day is worked (pure).
 */
export function whyThisDate(
  definition: ProcessDefinition,
  view: ProcessView,
  milestone: MilestoneState,
  table: CalendarTable,
  lang: Lang,
): string | null {
  const w = words[lang];
  if (milestone.pausedAt) return w.paused;
  if (!milestone.dueAt) return null;
  const declared = definition.milestones.find((m) => m.id === milestone.id);
  if (declared?.duration && milestone.stage) {
    const entered =
      [...view.history].reverse().find((h) => h.to === milestone.stage)?.at ??
      (definition.initial === milestone.stage ? view.startedAt : undefined);
    if (entered) {
      const stage = definition.stages[milestone.stage]?.title[lang] ?? milestone.stage;
      const from = toPlainDate(entered);
      const n = declared.duration.workingDays;
      const counted = explainWorkingDays(from, n, addWorkingDays(from, n, table), lang);
      return `${w.counted(n, stage)}${counted}.`;
    }
  }
  const day = toPlainDate(milestone.dueAt);
  return `${w.given(formatDateTime(milestone.dueAt))}${isWorkingDay(day, table) ? w.working : w.off}`;
}
