import type { SeedFact } from '../seedFact.ts';
import { INCOMING_TERM, PROVINCIAL, QUINOTA } from './localGovernments.ts';
import { CDP_OBJECTIVES } from './plans.ts';
import { projectById } from './projects.ts';
import { ids, seedFact } from './scenario.ts';

/**
 * The new authorities of the provincial municipality and of Quiñota continue their predecessors'
 * PDLC (decided in January 2019, once the 2019-2022 term is in office) and use it in the 2019
 * participatory budget, citing the PDLC objective each project serves. The other municipalities
 * leave their decision pending. Dates and amounts are illustrative.
 */

interface AllocationSeed {
  projectId: string;
  amount: string;
}

interface Inheritance {
  lgId: string;
  decidedOn: string;
  allocatedOn: string;
  allocations: AllocationSeed[];
}

export const INHERITANCES: readonly Inheritance[] = [
  {
    lgId: PROVINCIAL,
    decidedOn: '2019-01-18',
    allocatedOn: '2019-03-15',
    allocations: [
      { projectId: 'proy-2018-agr-01', amount: '846320.00' },
      { projectId: 'proy-2018-tra-01', amount: '412750.50' },
    ],
  },
  {
    lgId: QUINOTA,
    decidedOn: '2019-01-25',
    allocatedOn: '2019-03-08',
    allocations: [
      { projectId: 'proy-2018-agr-03', amount: '312480.00' },
      { projectId: 'proy-2018-edu-02', amount: '128765.40' },
    ],
  },
];

/** Id of the `n`-th (1-based) 2019 participatory allocation of `lgId`. */
export const allocationId = (lgId: string, n: number) => `pp2019-${lgId}-${String(n).padStart(2, '0')}`;

export function inheritanceFacts(): SeedFact[] {
  return INHERITANCES.map((h) =>
    seedFact('PlanInheritanceDecided', `${ids.cdp(h.lgId)}/${INCOMING_TERM}`, {
      planId: ids.cdp(h.lgId),
      lgId: h.lgId,
      termId: INCOMING_TERM,
      decision: 'continue',
      decidedOn: h.decidedOn,
    }),
  );
}

export function allocationFacts(): SeedFact[] {
  return INHERITANCES.flatMap((h) =>
    h.allocations.map((a, i) => {
      const project = projectById(a.projectId);
      if (!project.lgIds.includes(h.lgId)) throw new Error(`${a.projectId} does not include ${h.lgId}`);
      const id = allocationId(h.lgId, i + 1);
      return seedFact('BudgetAllocated', id, {
        allocationId: id,
        lgId: h.lgId,
        fiscalYear: 2019,
        projectId: a.projectId,
        planId: ids.cdp(h.lgId),
        objectiveCode: CDP_OBJECTIVES[project.sector],
        process: 'participatory',
        amount: a.amount,
        currency: 'PEN',
        allocatedOn: h.allocatedOn,
      });
    }),
  );
}
