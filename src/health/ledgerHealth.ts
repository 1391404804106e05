/**
 * What the server currently knows to be wrong with its store. Components report a problem under
 * their own name (e.g. `store`, `chain`) and clear it when it is gone; `/api/health` and every read
 * answer from this one place, so a degraded ledger says so everywhere at once.
 */
export interface HealthProblem {
  source: string;
  reason: string;
  since: string;
}

export class LedgerHealth {
  private readonly problems = new Map<string, HealthProblem>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  degrade(source: string, reason: string): void {
    const existing = this.problems.get(source);
    this.problems.set(source, { source, reason, since: existing?.since ?? this.now().toISOString() });
  }

  restore(source: string): void {
    this.problems.delete(source);
  }

  get degraded(): boolean {
    return this.problems.size > 0;
  }

  list(): HealthProblem[] {
    return [...this.problems.values()];
  }
}
