import { formatCentimos, toCentimos } from '../src/domain/money.ts';
import type { AllocationState, CommitmentState, LedgerView, ProjectState } from './ledgerViewTypes.ts';
import { byLocalGovernment } from './byLocalGovernment.ts';
import type { SectorKey, SectorTotals } from './readModelSchemas.ts';

export type { SectorKey, SectorTotals } from './readModelSchemas.ts';

/**
 * Money views share these sums. Everything is added in bigint céntimos and formatted once, so
 * "0.10" + "0.20" is "0.30", at any scale.
 */

/** Projects that involve `lgId` (every project when it is undefined). */
export function projectsOf(view: LedgerView, lgId?: string): ProjectState[] {
  return lgId === undefined ? [...view.projects.values()] : [...(byLocalGovernment(view).projects.get(lgId) ?? [])];
}

/** Commitments to the given projects. */
export function commitmentsTo(view: LedgerView, projects: readonly ProjectState[]): CommitmentState[] {
  // Every caller aggregates them (sums, counts, sorted groups): their order does not matter.
  const byProject = byLocalGovernment(view).commitmentsByProject;
  return [...new Set(projects.map((p) => p.projectId))].flatMap((id) => byProject.get(id) ?? []);
}

/** Allocations made by `lgId` (every allocation when it is undefined). */
export function allocationsOf(view: LedgerView, lgId?: string): AllocationState[] {
  return lgId === undefined ? [...view.allocations.values()] : [...(byLocalGovernment(view).allocations.get(lgId) ?? [])];
}

export function sectorOf(view: LedgerView, projectId: string): SectorKey {
  return view.projects.get(projectId)?.sector ?? 'unknown';
}

/** Exact total of `amount`s. */
export function total(items: Iterable<{ amount: string }>): string {
  let sum = 0n;
  for (const i of items) sum += toCentimos(i.amount);
  return formatCentimos(sum);
}

/** Committed and allocated totals per sector, sectors in alphabetical order. */
export function bySector(
  view: LedgerView,
  projects: readonly ProjectState[],
  commitments: readonly CommitmentState[],
  allocations: readonly AllocationState[],
): SectorTotals[] {
  const rows = new Map<SectorKey, { committed: bigint; allocated: bigint; projects: number }>();
  const row = (s: SectorKey) => {
    let r = rows.get(s);
    if (!r) rows.set(s, (r = { committed: 0n, allocated: 0n, projects: 0 }));
    return r;
  };
  for (const p of projects) row(p.sector).projects++;
  for (const c of commitments) row(sectorOf(view, c.projectId)).committed += toCentimos(c.amount);
  for (const a of allocations) row(sectorOf(view, a.projectId)).allocated += toCentimos(a.amount);
  return [...rows.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([sector, r]) => ({
      sector,
      committed: formatCentimos(r.committed),
      allocated: formatCentimos(r.allocated),
      projects: r.projects,
    }));
}
