import { ROLE_LABELS, type RoleName, RoleNameSchema } from './contract.js';
import type { Db } from './db/index.js';
import { schema } from './db/index.js';

export { ROLE_LABELS, type RoleName };
export const ROLE_NAMES = RoleNameSchema.options;

/** The signed-in person, as every route sees them. */
export interface Actor {
  id: number;
  username: string;
  displayName: string;
  isAdmin: boolean;
  roles: { organisationId: number; role: RoleName }[];
  csrfToken: string;
  sessionHash: string;
  /** The organisations' generation, read with the session (see `OrgTree.load`). */
  orgGeneration?: number;
}

export interface OrgNode {
  id: number;
  parentId: number | null;
  name: string;
  slug: string;
  level: string;
  region: string | null;
  deadline: string | null;
}

const treeCache = new WeakMap<Db, { tree: OrgTree; generation: number }>();
const treeLoads = new WeakMap<Db, { generation: number; tree: Promise<OrgTree> }>();

/** The organisation tree. */
export class OrgTree {
  readonly byId: Map<number, OrgNode>;
  private readonly children = new Map<number | null, OrgNode[]>();

  constructor(readonly all: OrgNode[]) {
    this.byId = new Map(all.map((o) => [o.id, o]));
    for (const o of all) {
      const list = this.children.get(o.parentId) ?? [];
      list.push(o);
      this.children.set(o.parentId, list);
    }
  }

  /**
   * The tree, kept per database handle and read again only when the organisations' generation (raised by a
   * trigger on every change, by any process on the same database) differs from the cached one. One small read
   * per call instead of every organisation; none when the caller read the generation already (with the session).
   */
  static async load(db: Db, known?: number): Promise<OrgTree> {
    const generation = known ?? (await orgGenerationOf(db));
    const hit = treeCache.get(db);
    if (hit && hit.generation === generation) return hit.tree;
    // Concurrent misses share one read, if it started at this generation or later.
    const pending = treeLoads.get(db);
    if (pending && pending.generation >= generation) return pending.tree;
    const tree = readTree(db, generation).finally(() => {
      if (treeLoads.get(db)?.tree === tree) treeLoads.delete(db);
    });
    treeLoads.set(db, { generation, tree });
    return tree;
  }

  /** Forget the cached tree (after a change made through this handle, before its generation is read again). */
  static invalidate(db: Db): void {
    treeCache.delete(db);
  }

  /** The organisation and every one above it (itself first). */
  ancestors(id: number): number[] {
    const out: number[] = [];
    let cur = this.byId.get(id);
    while (cur && !out.includes(cur.id)) {
      out.push(cur.id);
      cur = cur.parentId === null ? undefined : this.byId.get(cur.parentId);
    }
    return out;
  }

  /** The organisation and every one below it, depth first in name order, with depths relative to it. */
  descendants(id: number): { org: OrgNode; depth: number }[] {
    const out: { org: OrgNode; depth: number }[] = [];
    const seen = new Set<number>();
    const walk = (org: OrgNode, depth: number) => {
      if (seen.has(org.id)) return;
      seen.add(org.id);
      out.push({ org, depth });
      const kids = [...(this.children.get(org.id) ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
      for (const k of kids) walk(k, depth + 1);
    };
    const root = this.byId.get(id);
    if (root) walk(root, 0);
    return out;
  }

  roots(): OrgNode[] {
    return this.all.filter((o) => o.parentId === null || !this.byId.has(o.parentId));
  }
}

async function orgGenerationOf(db: Db): Promise<number> {
  const [row] = await db.select({ g: schema.orgGeneration.generation }).from(schema.orgGeneration);
  return row?.g ?? 0;
}

/**
 * The organisations as of `generation` or later: a change committed between the two reads leaves a tree newer
 * than its tag, which the next call reads again (never an older tree under a newer tag).
 */
async function readTree(db: Db, generation: number): Promise<OrgTree> {
  const o = schema.organisations;
  const rows = await db
    .select({
      id: o.id,
      parentId: o.parentId,
      name: o.name,
      slug: o.slug,
      level: o.level,
      region: o.region,
      deadline: o.deadline,
    })
    .from(o)
    .orderBy(o.id);
  const tree = new OrgTree(rows);
  const hit = treeCache.get(db);
  if (!hit || hit.generation <= generation) treeCache.set(db, { tree, generation });
  return tree;
}

/** Editors of the organisation itself (and administrators) fill in its reports. */
export function canEdit(actor: Actor, orgId: number): boolean {
  return actor.isAdmin || actor.roles.some((r) => r.role === 'editor' && r.organisationId === orgId);
}

/** Reviewers of the organisation or of any organisation above it (and administrators). */
export function canReview(actor: Actor, orgId: number, tree: OrgTree): boolean {
  if (actor.isAdmin) return true;
  const up = new Set(tree.ancestors(orgId));
  return actor.roles.some((r) => r.role === 'reviewer' && up.has(r.organisationId));
}

export function canRead(actor: Actor, orgId: number, tree: OrgTree): boolean {
  return canEdit(actor, orgId) || canReview(actor, orgId, tree);
}

/** Every organisation whose reports the actor may read. */
export function readableOrgIds(actor: Actor, tree: OrgTree): Set<number> {
  if (actor.isAdmin) return new Set(tree.all.map((o) => o.id));
  const out = new Set<number>();
  for (const r of actor.roles) {
    if (r.role === 'editor') out.add(r.organisationId);
    else for (const d of tree.descendants(r.organisationId)) out.add(d.org.id);
  }
  return out;
}
