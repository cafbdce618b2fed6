// One report being edited: load, local draft, debounced autosave with If-Match, conflicts, findings.

import {
  type Cells,
  canonicalJson,
  computeCellTotals,
  derivedCells,
  type Report,
  type ValidationResult,
  validate,
} from '@nianbao/core';
import { computed, onBeforeUnmount, ref, shallowRef, watch } from 'vue';
import { ApiError, api } from '../api';
import { type ReportAnswer, type Status, toAnswer } from '../model';

export type SaveState = 'saved' | 'pending' | 'saving' | 'offline' | 'conflict' | 'error' | 'readonly';

export interface Draft {
  baseRevision: number | string;
  report: Report;
  at: string;
}

export interface Conflict {
  revision: number | string;
  report: Report;
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
  const revision = ref<number | string>(0);
  const status = ref<Status>('draft');
  const organisation = ref('');
  const returnComment = ref('');
  const permissions = ref<NonNullable<ReportAnswer['permissions']>>({});
  const deadline = ref<string | null>(null);
  const loading = ref(false);
  const loadError = ref('');
  const saveState = ref<SaveState>('saved');
  const saveError = ref('');
  const lastSavedAt = ref<Date | null>(null);
  const conflict = shallowRef<Conflict | null>(null);
  const pendingDraft = shallowRef<Draft | null>(null);
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
      const a = toAnswer(await api('GET', `/api/reports/${id()}`));
      report.value = a.report;
      revision.value = a.revision;
      status.value = a.status;
      organisation.value = a.organisation ?? a.report.meta.agency;
      returnComment.value = a.returnComment ?? '';
      permissions.value = a.permissions ?? {};
      deadline.value = a.deadline ?? null;
      if (a.permissions) editable.value = !!a.permissions.edit;
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
    let cells: Cells = { ...r.cells, ...changes };
    if (computeTotalsOn.value) cells = computeCellTotals(cells, r.meta.formats);
    touch({ ...r, cells });
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
        const a = await api<{ revision: number | string }>('PUT', `/api/reports/${id()}`, {
          body: { report: sent },
          headers: { 'If-Match': String(revision.value) },
        });
        revision.value = a.revision;
        savedSeq = sentSeq;
        lastSavedAt.value = new Date();
        saveError.value = '';
        if (dirty()) {
          saveState.value = 'pending';
          writeDraft(id(), { baseRevision: revision.value, report: report.value!, at: new Date().toISOString() });
          schedule(AUTOSAVE_MS);
        } else {
          saveState.value = 'saved';
          writeDraft(id(), null);
        }
      } catch (e) {
        if (e instanceof ApiError && e.status === 409) {
          const body = (e.body ?? {}) as {
            revision?: number;
            report?: Report;
            error?: { revision?: number; report?: Report };
          };
          const rev = body.revision ?? body.error?.revision;
          const rep = body.report ?? body.error?.report;
          if (rev !== undefined && rep) {
            conflict.value = { revision: rev, report: rep };
            saveState.value = 'conflict';
          } else {
            saveState.value = 'error';
            saveError.value = e.message;
          }
        } else if (e instanceof ApiError && e.status === 0) {
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

  /** Resolve a 409: keep mine (saved on top of the newer revision) or take theirs. */
  async function resolveConflict(keep: 'mine' | 'theirs'): Promise<void> {
    const c = conflict.value;
    if (!c) return;
    conflict.value = null;
    revision.value = c.revision;
    if (keep === 'theirs') {
      report.value = c.report;
      savedSeq = changeSeq;
      saveState.value = 'saved';
      writeDraft(id(), null);
      return;
    }
    saveState.value = 'pending';
    await save();
  }

  function acceptDraft(use: boolean): void {
    const d = pendingDraft.value;
    pendingDraft.value = null;
    if (!d) return;
    if (!use) {
      writeDraft(id(), null);
      return;
    }
    // A draft made on an older revision is saved against that revision, so a newer one gives the conflict dialog.
    if (Number(d.baseRevision) < Number(revision.value)) revision.value = d.baseRevision;
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
