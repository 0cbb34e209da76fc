/**
 * Real stores for tests and the rehearsal: PostgreSQL, Keycloak, OpenFGA and S3, one set per {@link
 * dev.ferry.tests.harness.Role} (SOURCE, TARGET).
 *
 * <h2>Use</h2>
 * <pre>{@code
 * @ExtendWith(StoresExtension.class)
 * class MyTest {
 *     @Test void exports(Stores stores) { ... stores.source().postgres().jdbcUrl() ... }
 * }
 * // the rehearsal: try (Stores stores = Stores.start(HarnessOptions.defaults().withDatabaseName("fred_kea"))) { ... }
 * }</pre>
 *
 * <h2>Which implementation runs</h2>
 * Containers (Testcontainers, production images) when a Docker engine answers, local processes otherwise;
 * {@code -Dferry.stores=containers|local|auto} or {@code FERRY_STORES} forces a choice. Local: PostgreSQL from
 * the zonky embedded binaries; Keycloak from the distribution zip as a child JVM; S3Proxy in-process (or a
 * {@code minio} binary on PATH); OpenFGA from an {@code openfga} binary on PATH, else the emulator. The start
 * prints the choice and the start time of each store. No fixed ports.
 *
 * <h2>Isolation between tests</h2>
 * The stores are shared by the whole test run, so tests isolate themselves:
 * <ul>
 * <li>PostgreSQL: {@link dev.ferry.tests.harness.Stores#createDatabase} gives a fresh database with the kea
 * schema; the database named by the options ("fred") is the shared one.</li>
 * <li>Keycloak: a realm per test, with a unique name. User, group, role and credential ids are primary keys of
 * the whole Keycloak database, not of a realm: the same ids cannot be seeded into two realms of one server.
 * Tests that need fixed ids use the target server for the copy and distinct ids per test.</li>
 * <li>OpenFGA: a store per test. S3: buckets with a unique suffix.</li>
 * </ul>
 *
 * <h2>Keycloak start-up</h2>
 * The first start on a machine builds a "golden" copy under {@code ~/.cache/ferry/keycloak-26.4.0/} (an
 * augmented distribution, one augmented for {@code kc.sh export}, and an H2 file with the master realm and the
 * admin {@code admin}/{@code admin}); later starts copy it and start in about 7 s on an idle machine.
 */
package dev.ferry.tests.harness;
