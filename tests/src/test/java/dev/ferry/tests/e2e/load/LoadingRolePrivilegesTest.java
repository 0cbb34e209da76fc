package dev.ferry.tests.e2e.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.tests.e2e.fixture.KeaSample;
import dev.ferry.tests.e2e.fixture.LoadRun;
import dev.ferry.tests.e2e.fixture.SampleBundle;
import dev.ferry.tests.e2e.fixture.TargetFixture;
import dev.ferry.tests.harness.Stores;
import dev.ferry.tests.harness.StoresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loading role's privileges as the Target guide lists them, and no more: SELECT, INSERT and UPDATE on the carried
 * tables, SELECT on the Alembic tables, TEMPORARY on the database. A role holding exactly those loads a table merged
 * under postgres.conflicts overwrite (a temporary table, the exclusive lock, an upsert) and validates it; without
 * TEMPORARY the load stops with a message naming the missing privilege, before the table changes.
 */
@ExtendWith(StoresExtension.class)
class LoadingRolePrivilegesTest {
    @TempDir
    Path dir;

    @Test
    void theDocumentedGrantsAreEnoughAndTemporaryIsNeeded(Stores stores) throws Exception {
        KeaSample s = new KeaSample(0, 10);
        SampleBundle.Keys keys = SampleBundle.Keys.generate(dir, "k");
        Path bundle = dir.resolve("kea.ferry");
        SampleBundle.seal(stores, s, new SampleBundle.Size(10, 0, 0), keys, bundle);
        TargetFixture t = new TargetFixture(stores, s, keys, bundle, dir);
        String role = "ferry_loader_" + s.suffix.replace('-', '_');
        try (TargetProbe probe = new TargetProbe(t)) {
            String database = single("SELECT current_database()", t);
            probe.sql("CREATE ROLE " + role + " LOGIN PASSWORD 'loader'");
            probe.sql("GRANT SELECT, INSERT, UPDATE ON " + String.join(", ", quoted(SampleBundle.TABLES)) + " TO " + role);
            for (String alembic : alembicTables(t)) {
                probe.sql("GRANT SELECT ON \"" + alembic + "\" TO " + role);
            }
            // PUBLIC holds TEMPORARY on a new database: take it away, so only the grant below can give it.
            probe.sql("REVOKE TEMPORARY ON DATABASE \"" + database + "\" FROM PUBLIC");
            probe.sql("INSERT INTO agent (id, name, payload_json) VALUES ('Tessa', 'Tessa', '{}')"); // seeded by the Target
            Files.writeString(t.config, Files.readString(t.config)
                    .replace("  user: " + t.database.user() + "\n", "  user: " + role + "\n")
                    .replace("keycloak:\n", "  conflicts:\n    agent: overwrite\nkeycloak:\n"));

            LoadRun refused = t.load("--stores", "postgres");
            assertEquals(4, refused.exitCode(), refused.all());
            assertTrue(refused.err().contains("user '" + role + "' lacks a privilege to load table agent"), refused.err());
            assertTrue(refused.err().contains("docs/operator-guide-target.md"), refused.err());
            assertEquals(1, probe.rows("agent"), "the table being merged was rolled back");

            probe.sql("GRANT TEMPORARY ON DATABASE \"" + database + "\" TO " + role);
            LoadRun loaded = t.load("--stores", "postgres", "--resume");
            assertEquals(0, loaded.exitCode(), loaded.all());
            assertTrue(probe.rows("agent") > 1, "the bundle's agents were merged beside the Target's own");
            LoadRun validated = t.validate("--stores", "postgres");
            assertEquals(0, validated.exitCode(), validated.all());
        } finally {
            try (TargetProbe probe = new TargetProbe(t)) {
                probe.sql("DROP OWNED BY " + role);
                probe.sql("DROP ROLE IF EXISTS " + role);
            }
        }
    }

    private static List<String> quoted(List<String> tables) {
        return tables.stream().map(n -> "\"" + n + "\"").toList();
    }

    private static List<String> alembicTables(TargetFixture t) throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(t.database.jdbcUrl(), t.database.user(), t.database.password());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
                        + " AND tablename LIKE 'alembic_version%'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private static String single(String sql, TargetFixture t) throws Exception {
        try (Connection c = DriverManager.getConnection(t.database.jdbcUrl(), t.database.user(), t.database.password());
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
