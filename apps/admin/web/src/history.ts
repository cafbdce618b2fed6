// A report's history as a timeline: who created, submitted, returned, approved and published it, and when;
// runs of saves between those steps shown as one entry.

import type { HistoryEntry as Entry } from '@contract';

/** What the timeline reads of a line of `GET /api/reports/:id/history` (newest first). */
export type HistoryEntry = Pick<Entry, 'at' | 'action' | 'actionLabel' | 'user' | 'comment'>;

export interface TimelineItem {
  /** ISO time of the step (for a run of saves: the last one). */
  at: string;
  /** ISO time of the first save of a run. */
  since?: string;
  action: string;
  title: string;
  who: string;
  comment?: string;
  /** Status steps stand out; saves are quieter. */
  kind: 'status' | 'save' | 'other';
}

const STATUS_STEPS = new Set(['report.create', 'report.submit', 'report.return', 'report.approve', 'report.publish']);
const who = (e: HistoryEntry) => (e.user ? e.user.displayName || e.user.username : '系统');

/** Newest first, as the server gives it; consecutive saves become "保存 N 次" naming everyone who saved. */
export function timeline(entries: HistoryEntry[]): TimelineItem[] {
  const out: TimelineItem[] = [];
  let run: { items: HistoryEntry[] } | null = null;
  const flush = () => {
    if (!run) return;
    const [last] = run.items;
    const first = run.items[run.items.length - 1]!;
    const people = [...new Set(run.items.map(who))];
    out.push({
      at: last!.at,
      since: run.items.length > 1 ? first.at : undefined,
      action: 'report.save',
      title: run.items.length > 1 ? `修改并保存 ${run.items.length} 次` : '修改并保存',
      who: people.join('、'),
      kind: 'save',
    });
    run = null;
  };
  for (const e of entries) {
    if (e.action === 'report.save') {
      run ??= { items: [] };
      run.items.push(e);
      continue;
    }
    flush();
    const comment = e.comment ?? undefined;
    out.push({
      at: e.at,
      action: e.action,
      title: e.actionLabel,
      who: who(e),
      comment,
      kind: STATUS_STEPS.has(e.action) ? 'status' : 'other',
    });
  }
  flush();
  return out;
}
