import { formatCentimos, toCentimos } from '../src/domain/money.ts';
import type { LedgerView } from './ledgerViewTypes.ts';
import { allocationsOf, bySector, commitmentsTo, projectsOf, total, type SectorTotals } from './funding.ts';
import { provenance, type Provenance } from './viewCommon.ts';
import type { FunderTotals, LocalGovernmentTotals, BudgetView } from './readModelSchemas.ts';

export type { FunderTotals, LocalGovernmentTotals, BudgetView } from './readModelSchemas.ts';

/**
 * The money picture: what funders committed to projects and what local governments allocated.
 *
 * Projects naming several local governments (a provincial project run with its districts) count
 * once in every total, per sector and per funder. `byLocalGovernment` cannot split them, as the
 * ledger records no shares: each local government it names is credited the project's full
 * commitments, so that column can add up to more than `committed`. Allocations belong to exactly one
 * local government and always add up.
 */
export function budgetView(view: LedgerView): BudgetView {
  const projects = projectsOf(view);
  const commitments = commitmentsTo(view, projects);
  const allocations = allocationsOf(view);

  const funders = new Map<string, { committed: bigint; commitments: number; projects: Set<string> }>();
  for (const c of commitments) {
    let f = funders.get(c.funder);
    if (!f) funders.set(c.funder, (f = { committed: 0n, commitments: 0, projects: new Set() }));
    f.committed += toCentimos(c.amount);
    f.commitments++;
    f.projects.add(c.projectId);
  }

  // One pass each over projects, commitments and allocations: a per-lg filter would be quadratic.
  const perProject = new Map<string, bigint>();
  for (const c of commitments) perProject.set(c.projectId, (perProject.get(c.projectId) ?? 0n) + toCentimos(c.amount));
  const perLg = new Map<string, { committed: bigint; allocated: bigint; projects: number }>();
  const lgRow = (lgId: string) => {
    let r = perLg.get(lgId);
    if (!r) perLg.set(lgId, (r = { committed: 0n, allocated: 0n, projects: 0 }));
    return r;
  };
  for (const lg of view.localGovernments.values()) lgRow(lg.lgId);
  for (const p of projects) {
    for (const lgId of new Set(p.lgIds)) {
      const r = lgRow(lgId);
      r.projects++;
      r.committed += perProject.get(p.projectId) ?? 0n;
    }
  }
  for (const a of allocations) lgRow(a.lgId).allocated += toCentimos(a.amount);
  const byLocalGovernment = [...perLg.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([lgId, r]): LocalGovernmentTotals => ({
      lgId,
      name: view.localGovernments.get(lgId)?.name ?? null,
      committed: formatCentimos(r.committed),
      allocated: formatCentimos(r.allocated),
      projects: r.projects,
    }));

  return {
    ...provenance(view),
    committed: total(commitments),
    allocated: total(allocations),
    projects: projects.length,
    fundedProjects: new Set(commitments.map((c) => c.projectId)).size,
    commitments: commitments.length,
    bySector: bySector(view, projects, commitments, allocations),
    byFunder: [...funders.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([funder, f]) => ({ funder, committed: formatCentimos(f.committed), commitments: f.commitments, projects: f.projects.size })),
    byLocalGovernment,
  };
}
