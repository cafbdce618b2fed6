import { cellsView, unreadCells } from '@nianbao/core';
import type { Command } from '../command.js';
import { reportInputError } from '../errors.js';
import { loadReport } from '../load.js';

export const cellsCommand: Command = {
  name: 'cells',
  summary: '以 JSON 输出报告三张统计表的全部单元格（空白为 null；unread 列出原文有、但未能读取的单元格）',
  usage: 'nianbao cells FILE',
  async run(argv, io) {
    const file = argv[0];
    if (!file || argv.length > 1) {
      io.err('用法：nianbao cells FILE\n');
      return 2;
    }
    try {
      const { report } = await loadReport(file);
      const out = { formats: report.meta.formats, cells: cellsView(report), unread: unreadCells(report) };
      io.out(`${JSON.stringify(out, null, 2)}\n`);
      return 0;
    } catch (e) {
      reportInputError(e, file, io);
      return 2;
    }
  },
};
