import type { Lang } from './messages.js';

/** The words of a notice's corrections, in Vietnamese. */
const vi = {
  dueOf: (n: string) => `Hạn của mục ${n}`,
  leadOf: (n: string) => `Đơn vị chủ trì của mục ${n}`,
  coordinatorsOf: (n: string) => `Đơn vị phối hợp của mục ${n}`,
  coordinatorsHint: 'cách nhau bởi dấu phẩy',
  kindOf: (n: string) => `Mục ${n} là`,
  kinds: { task: 'nhiệm vụ', note: 'ghi nhận' },
  check: 'Kiểm tra lại sau khi sửa',
  corrections: 'Đã sửa',
  fix: 'Có trường chưa đúng: xem thông báo bên cạnh từng trường; chưa khởi tạo gì.',
  fields: { dueAt: 'hạn', agencies: 'đơn vị', kind: 'loại' } as Record<string, string>,
  leadRequired: 'Mục là nhiệm vụ thì cần một đơn vị chủ trì; hoặc chọn "ghi nhận".',
};

/** The words of a notice's corrections, in English. */
const en: typeof vi = {
  dueOf: (n: string) => `Due date of item ${n}`,
  leadOf: (n: string) => `Lead unit of item ${n}`,
  coordinatorsOf: (n: string) => `Coordinating units of item ${n}`,
  coordinatorsHint: 'separated by commas',
  kindOf: (n: string) => `Item ${n} is`,
  kinds: { task: 'a task', note: 'a note' },
  check: 'Check again after correcting',
  corrections: 'Corrected',
  fix: 'Some fields are not right: see the message beside each; nothing was started.',
  fields: { dueAt: 'due date', agencies: 'units', kind: 'kind' },
  leadRequired: 'A task needs a lead unit; or choose "a note".',
};

/** Every word of a notice's corrections, in one language. */
export type ConclusionsText = typeof vi;

/** The words of a notice's corrections in the page's language. */
export const conclusionsTextOf = (lang: Lang): ConclusionsText => (lang === 'en' ? en : vi);
