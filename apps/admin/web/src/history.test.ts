import { describe, expect, it } from 'vitest';
import { type HistoryEntry, timeline } from './history';

const user = (id: number, displayName: string) => ({ id, username: `u${id}`, displayName });
const e = (at: string, action: string, actionLabel: string, u: number, detail: { comment?: string } | null = null) =>
  ({
    at,
    action,
    actionLabel,
    user: user(u, u === 1 ? '张三' : '李四'),
    comment: detail?.comment ?? null,
  }) satisfies HistoryEntry;

describe('report history timeline', () => {
  it('keeps every status step with who and the return comment, and folds runs of saves', () => {
    const items = timeline([
      e('2025-01-20T10:00:00Z', 'report.publish', '发布', 2),
      e('2025-01-19T10:00:00Z', 'report.approve', '审核通过', 2),
      e('2025-01-18T10:00:00Z', 'report.submit', '提交审核', 1),
      e('2025-01-17T12:00:00Z', 'report.save', '保存', 1),
      e('2025-01-17T11:00:00Z', 'report.save', '保存', 2),
      e('2025-01-17T10:00:00Z', 'report.save', '保存', 1),
      e('2025-01-16T10:00:00Z', 'report.return', '退回修改', 2, { comment: '表三合计有误' }),
      e('2025-01-15T10:00:00Z', 'report.submit', '提交审核', 1),
      e('2025-01-14T10:00:00Z', 'report.create', '新建报告', 1),
    ]);
    expect(items.map((i) => [i.title, i.who, i.kind])).toEqual([
      ['发布', '李四', 'status'],
      ['审核通过', '李四', 'status'],
      ['提交审核', '张三', 'status'],
      ['修改并保存 3 次', '张三、李四', 'save'],
      ['退回修改', '李四', 'status'],
      ['提交审核', '张三', 'status'],
      ['新建报告', '张三', 'status'],
    ]);
    expect(items[3]).toMatchObject({ at: '2025-01-17T12:00:00Z', since: '2025-01-17T10:00:00Z' });
    expect(items[4]!.comment).toBe('表三合计有误');
  });

  it('shows a single save without a range', () => {
    expect(timeline([e('2025-01-17T12:00:00Z', 'report.save', '保存', 1)])).toEqual([
      {
        at: '2025-01-17T12:00:00Z',
        since: undefined,
        action: 'report.save',
        title: '修改并保存',
        who: '张三',
        kind: 'save',
      },
    ]);
  });
});
