// An import's diagnostics as a person reads them: grouped by kind with a count, errors first, each item
// pointing at its cell where it has one.
import { IMPORT_KIND_LABELS, type ImportCode } from '@nianbao/core';

export interface Diagnostic {
  code: string;
  severity: 'error' | 'warning' | 'info';
  location?: { line?: number; cellId?: string };
  message: string;
}

export interface DiagnosticGroup {
  code: string;
  severity: Diagnostic['severity'];
  label: string;
  items: Diagnostic[];
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** Groups by code: errors, then warnings, then notes; within each, the largest group first. */
export function groupDiagnostics(diagnostics: Diagnostic[]): DiagnosticGroup[] {
  const groups = new Map<string, DiagnosticGroup>();
  for (const d of diagnostics) {
    let g = groups.get(d.code);
    if (!g) {
      g = {
        code: d.code,
        severity: d.severity,
        label: IMPORT_KIND_LABELS[d.code as ImportCode] ?? d.message,
        items: [],
      };
      groups.set(d.code, g);
    }
    if (SEVERITY_ORDER[d.severity] < SEVERITY_ORDER[g.severity]) g.severity = d.severity;
    g.items.push(d);
  }
  return [...groups.values()].sort(
    (a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || b.items.length - a.items.length,
  );
}
