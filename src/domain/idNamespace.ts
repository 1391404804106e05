/**
 * Which local government an id belongs to by its spelling. Plan and transition ids are ledger-wide
 * (they name streams), so a local government must not be able to take the id its neighbour will
 * predictably want: a local government's own credentials may introduce only ids in its namespace,
 * and an id outside every namespace (`plan-x`) only the registrar may introduce.
 *
 * An id is in the namespace of local government L when one of its segments (split on `-`, `.`,
 * `_` and `:`) is L's ubigeo and no other segment is six digits: `pdlc-080707-2023-2026`,
 * `tr-080707-2022`, `080707.pdel`. No id is thus in two namespaces, so what one local government
 * records can never make an id unavailable to another.
 */
export function namespaceOf(id: string): string | undefined {
  const ubigeos = new Set(id.split(/[-._:]/).filter((segment) => /^\d{6}$/.test(segment)));
  return ubigeos.size === 1 ? [...ubigeos][0] : undefined;
}
