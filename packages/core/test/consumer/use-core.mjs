// Uses @nianbao/core the way another project would: a plain ES module importing the package by name.
import { readFileSync } from 'node:fs';
import { cellsView, parseReport, validate } from '@nianbao/core';

const parsed = parseReport(JSON.parse(readFileSync(process.argv[2], 'utf8')));
if (!parsed.ok) {
  console.log(JSON.stringify({ ok: false }));
} else {
  const { errors, warnings } = validate(parsed.report);
  console.log(JSON.stringify({ ok: true, errors, warnings, cells: Object.keys(cellsView(parsed.report)).length }));
}
