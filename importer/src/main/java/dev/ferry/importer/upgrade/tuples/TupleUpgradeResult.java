package dev.ferry.importer.upgrade.tuples;

import java.util.SortedSet;

/**
 * What a tuple upgrade leaves besides the tuples it wrote.
 *
 * @param tally             the counts per rule and per drop reason
 * @param referencedTeams   every non-personal team a written swift tuple names, as object or subject: each needs a
 *                          {@code teammetadata} row (docs/reference/fred-stores.md §2.1)
 * @param teamsMadePublic   the teams that received {@code user:* public} (those not in it were not public in kea)
 */
public record TupleUpgradeResult(TupleTally tally, SortedSet<String> referencedTeams, SortedSet<String> teamsMadePublic) {
}
