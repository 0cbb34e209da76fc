/**
 * Chapter 2's upgrade of kea to swift on the Target, as pure functions: no store is read or written here. Phase 2
 * wires them to the shared store clients; every piece states what it reads and how it is driven.
 *
 * <ul>
 *   <li>{@code tuples}: the OpenFGA mapping of docs/reference/fred-stores.md §3.2 ({@link dev.ferry.importer.upgrade.tuples.TupleUpgrade})
 *       over a stream of kea tuples plus Keycloak facts (group memberships, {@code app} client role holders); it
 *       writes swift tuples to a sink one by one and holds only team roles, per (team, user).
 *   <li>{@code agents}: {@code agent} → {@code agent_instance} (§5.3, #1954, §5.6), one row at a time, with the
 *       owners gathered from the same tuple pass ({@link dev.ferry.importer.upgrade.agents.AgentOwners}).
 *   <li>{@code teams}: swift {@code teammetadata} for every team the tuples and agents reference, unique names from
 *       the Keycloak groups, and the private teams that need a person.
 *   <li>{@code rows}: declarative row mappers for {@code tag}, {@code metadata}, {@code resource}, {@code users}, and
 *       chat contexts → {@code prompt}; each names the kea columns to select and its key for a keyset read.
 *   <li>{@code schema}: the swift tables and columns the upgrade writes, as data, and the diff against a live database.
 *   <li>{@code objects}: kea bucket → swift bucket, keys unchanged.
 * </ul>
 *
 * Re-runs: every function is deterministic for the same input, so an upsert by primary key of its output changes
 * nothing the second time. Names (teams, prompts) depend on the whole set of their scope, which is small: they are
 * recomputed from the start on a resumed run rather than resumed mid-way.
 */
package dev.ferry.importer.upgrade;
