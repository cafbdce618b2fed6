import type { Command } from '../command.js';
import { cellsCommand } from './cells.js';
import { docxCommand, pdfCommand } from './pdf.js';
import { validateCommand } from './validate.js';

/** Every subcommand, in the order `nianbao --help` lists them. */
export const COMMANDS: Command[] = [validateCommand, cellsCommand, pdfCommand, docxCommand];
