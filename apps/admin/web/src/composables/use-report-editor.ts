// One report being edited: load, local draft, debounced autosave with If-Match, conflicts, findings.

import { type ChangeMark, type MergeChoice, type MergeConflict, mergeReports, type Permissions } from '@contract';
import {
  type Cells,
  canonicalJson,
  computeCellTotals,
  derivedCells,
  editCell,
  type Report,
  type ValidationResult,
  validate,
} from '@nianbao/core';
import { computed, onBeforeUnmount, ref, shallowRef, watch } from 'vue';
import { ApiError, getReport, getRevision, saveReport } from '../api';
import type { Status } from '../model';

export type SaveState = 'saved' | 'pending' | 'saving' | 'offline' | 'conflict' | 'error' | 'readonly';

export interface Draft {
  baseRevision: number;
  report: Report;
  at: string;
}

/** A unit changed here and by someone else since the edit's revision, with who changed it there and when. */
export type ConflictItem = MergeConflict & { changedBy: ChangeMark | null };

/** Others saved changes to the same cells or paragraphs: the person settles each item. */
export interface Conflict {
  /** The latest revision and its content. */
  revision: number;
  theirs: Report;
  /** The content this edit started from. */
  base: Report;
  items: ConflictItem[];
  /** Others' changes that did not touch what this edit changed: merged without asking. */
  othersMerged: number;
}

const AUTOSAVE_MS = 1200;
const RETRY_MS = 5000;
const draftKey = (id: string) => `nianbao:draft:${id}`;

export function readDraft(id: string): Draft | null {
  try {
    const raw = localStorage.getItem(draftKey(id));
    return raw ? (JSON.parse(raw) as Draft) : null;
  } catch {
    return null;
  }
}

function writeDraft(id: string, draft: Draft | null): void {
  try {
    if (draft) localStorage.setItem(draftKey(id), JSON.stringify(draft));
    else localStorage.removeItem(draftKey(id));
  } catch {
    // Storage full or disabled: the server copy is still the reference.
  }
}

export function useReportEditor(id: () => string) {
  const report = shallowRef<Report | null>(null);
  const revision = ref(0);
  /** The content of `revision`: what this edit started from, for merging others' saves into it. */
  let base: Report | null = null;
  const status = ref<Status>('draft');
  const organisation = ref('');
  const returnComment = ref('');
  const permissions = ref<Partial<Permissions>>({});
  const deadline = ref<string | null>(null);
  const loading = ref(false);
  const loadError = ref('');
  const saveState = ref<SaveState>('saved');
  const saveError = ref('');
  const lastSavedAt = ref<Date | null>(null);
  const conflict = shallowRef<Conflict | null>(null);
  const pendingDraft = shallowRef<Draft | null>(null);
  /** Others' changes merged into this report by the last save (how many units), for a notice. */
  const mergedCount = ref(0);
  const computeTotalsOn = ref(localStorage.getItem('nianbao:computeTotals') !== 'off');
  /** Set when a report is opened whose stated totals disagree with their parts: they are kept and checked. */
  const totalsKept = ref(0);
  const editable = ref(true);
  // Edits are counted rather than compared: a keystroke must not serialise the whole report twice.
  let changeSeq = 0;
  let savedSeq = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let saving: Promise<void> | null = null;

  const result = computed<ValidationResult | null>(() => (report.value ? validate(report.value) : null));
  const locked = computed(
    () => new Set(report.value && computeTotalsOn.value ? derivedCells(report.value.meta.formats) : []),
  );
  const dirty = () => !!report.value && changeSeq !== savedSeq;

  async function load(): Promise<void> {
    loading.value = true;
    loadError.value = '';
    try {
      const a = await getReport(id());
      report.value = a.report;
      base = a.report;
      revision.value = a.revision;
      status.value = a.status;
      organisation.value = a.organisation.name;
      returnComment.value = a.returnComment ?? '';
      permissions.value = a.permissions;
      deadline.value = a.deadline;
      editable.value = a.permissions.edit;
      changeSeq = savedSeq = 0;
      // Computing totals would silently overwrite totals the report states differently: keep them and check instead.
      const derived = new Set(derivedCells(a.report.meta.formats));
      totalsKept.value = validate(a.report).findings.filter((f) => f.kind === 'sum' && derived.has(f.left[0]!)).length;
      computeTotalsOn.value = localStorage.getItem('nianbao:computeTotals') !== 'off' && !totalsKept.value;
      const savedJson = canonicalJson(a.report);
      saveState.value = editable.value && status.value === 'draft' ? 'saved' : 'readonly';
      const d = readDraft(id());
      if (d && canonicalJson(d.report) !== savedJson) pendingDraft.value = d;
      else if (d) writeDraft(id(), null);
    } catch (e) {
      loadError.value = e instanceof ApiError ? e.message : '报告加载失败';
    } finally {
      loading.value = false;
    }
  }

  function touch(next: Report): void {
    report.value = next;
    changeSeq++;
    writeDraft(id(), { baseRevision: revision.value, report: next, at: new Date().toISOString() });
    if (saveState.value !== 'conflict') saveState.value = 'pending';
    schedule(AUTOSAVE_MS);
  }

  function schedule(ms: number): void {
    clearTimeout(timer);
    timer = setTimeout(() => void save(), ms);
  }

  function editCells(changes: Record<string, number | null>): void {
    const r = report.value;
    if (!r) return;
    // An edited cell becomes the agency's own value: its import record goes.
    let next: Report = r;
    for (const [cellId, v] of Object.entries(changes)) next = editCell(next, cellId, v);
    let cells: Cells = next.cells;
    if (computeTotalsOn.value) cells = computeCellTotals(cells, r.meta.formats);
    touch({ ...next, cells });
  }

  function setComputeTotals(on: boolean): number {
    computeTotalsOn.value = on;
    localStorage.setItem('nianbao:computeTotals', on ? 'on' : 'off');
    const r = report.value;
    if (!on || !r) return 0;
    const cells = computeCellTotals(r.cells, r.meta.formats);
    const changed = Object.keys(cells).filter((k) => (cells[k] ?? null) !== (r.cells[k] ?? null)).length;
    if (changed) touch({ ...r, cells });
    return changed;
  }

  function editReport(fn: (r: Report) => Report): void {
    if (report.value) touch(fn(report.value));
  }

  /** Settle `local` (edited from `from`) against a newer revision: adopt the merge, or ask the person. */
  function rebase(from: Report, local: Report, theirs: Report, rev: number, changes: ChangeMark[]): boolean {
    const m = mergeReports(from, local, theirs);
    if (m.conflicts.length) {
      const byScope = new Map(changes.map((c) => [c.scope, c]));
      conflict.value = {
        revision: rev,
        theirs,
        base: from,
        items: m.conflicts.map((c) => ({ ...c, changedBy: byScope.get(c.scope) ?? null })),
        othersMerged: changes.filter((c) => !m.conflicts.some((x) => x.scope === c.scope)).length,
      };
      saveState.value = 'conflict';
      return false;
    }
    report.value = m.report;
    base = theirs;
    revision.value = rev;
    return true;
  }

  async function save(): Promise<void> {
    clearTimeout(timer);
    if (saving) {
      await saving;
      if (dirty()) return save();
      return;
    }
    if (!report.value || !dirty() || saveState.value === 'conflict' || saveState.value === 'readonly') return;
    const sent = report.value;
    const sentSeq = changeSeq;
    saveState.value = 'saving';
    saving = (async () => {
      try {
        const outcome = await saveReport(id(), sent, revision.value);
        saveError.value = '';
        if (outcome.kind === 'saved') {
          const a = outcome.answer;
          lastSavedAt.value = new Date();
          savedSeq = sentSeq;
          if (a.merged) {
            // Others saved meanwhile: the server merged their changes with this save.
            mergedCount.value = a.merged.changes.length;
            if (!rebase(sent, report.value!, a.merged.report, a.revision, a.merged.changes)) return;
          } else {
            base = sent;
            revision.value = a.revision;
          }
        } else {
          const a = outcome.answer;
          if (!rebase(base ?? sent, report.value!, a.report, a.revision, a.changes)) return;
          // The conflicting edits were undone here meanwhile: save the merge.
          changeSeq++;
        }
        if (dirty()) {
          saveState.value = 'pending';
          writeDraft(id(), { baseRevision: revision.value, report: report.value!, at: new Date().toISOString() });
          schedule(AUTOSAVE_MS);
        } else {
          saveState.value = 'saved';
          writeDraft(id(), null);
        }
      } catch (e) {
        if (e instanceof ApiError && e.status === 0) {
          saveState.value = 'offline';
          schedule(RETRY_MS);
        } else {
          saveState.value = 'error';
          saveError.value = e instanceof ApiError ? e.message : '保存失败';
        }
      } finally {
        saving = null;
      }
    })();
    await saving;
  }

  /**
   * Settle a conflict item by item (`mine` or `theirs`; unsettled items take theirs), then save. Changes that only
   * one side made are kept whatever the choices: keeping mine never reverts a cell only the other person changed.
   */
  async function resolveConflict(choices: Record<string, MergeChoice>): Promise<void> {
    const c = conflict.value;
    if (!c || !report.value) return;
    const merged = mergeReports(c.base, report.value, c.theirs, choices).report;
    conflict.value = null;
    report.value = merged;
    base = c.theirs;
    revision.value = c.revision;
    changeSeq++;
    saveState.value = 'pending';
    writeDraft(id(), { baseRevision: revision.value, report: merged, at: new Date().toISOString() });
    await save();
  }

  async function acceptDraft(use: boolean): Promise<void> {
    const d = pendingDraft.value;
    pendingDraft.value = null;
    if (!d) return;
    if (!use) {
      writeDraft(id(), null);
      return;
    }
    // A draft made on an older revision is saved against that revision, so others' saves since are merged.
    const rev = Number(d.baseRevision);
    if (Number.isInteger(rev) && rev > 0 && rev < revision.value) {
      try {
        base = (await getRevision(id(), rev)).report;
        revision.value = rev;
      } catch {
        // That revision cannot be read: the draft is saved on the latest one.
      }
    }
    touch(d.report);
  }

  const onOnline = () => {
    if (saveState.value === 'offline') void save();
  };
  const onBeforeUnload = (e: BeforeUnloadEvent) => {
    if (report.value && dirty() && saveState.value !== 'readonly') e.preventDefault();
  };
  window.addEventListener('online', onOnline);
  window.addEventListener('beforeunload', onBeforeUnload);
  onBeforeUnmount(() => {
    window.removeEventListener('online', onOnline);
    window.removeEventListener('beforeunload', onBeforeUnload);
    if (dirty()) void save();
    clearTimeout(timer);
  });

  watch(status, (s) => {
    if (s !== 'draft' || !editable.value) saveState.value = 'readonly';
    else if (saveState.value === 'readonly') saveState.value = dirty() ? 'pending' : 'saved';
  });

  return {
    report,
    revision,
    status,
    organisation,
    returnComment,
    permissions,
    deadline,
    loading,
    loadError,
    saveState,
    saveError,
    lastSavedAt,
    conflict,
    mergedCount,
    pendingDraft,
    computeTotalsOn,
    totalsKept,
    editable,
    result,
    locked,
    load,
    save,
    editCells,
    editReport,
    setComputeTotals,
    resolveConflict,
    acceptDraft,
    dirty,
  };
}
