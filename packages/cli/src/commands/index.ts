import type { Command } from '../command.js';
import { aggregateCommand } from './aggregate.js';
import { cellsCommand } from './cells.js';
import { importCommand } from './import.js';
import { indicatorsCommand } from './indicators.js';
import { migrateCommand } from './migrate.js';
import { docxCommand, pdfCommand } from './pdf.js';
import { validateCommand } from './validate.js';

/** Every subcommand, in the order `nianbao --help` lists them. */
export const COMMANDS: Command[] = [
  validateCommand,
  cellsCommand,
  importCommand,
  aggregateCommand,
  indicatorsCommand,
  migrateCommand,
  pdfCommand,
  docxCommand,
];
