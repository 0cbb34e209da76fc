package dev.ferry.tests.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.common.ConfigException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The harness's PostgreSQL servers hold the kea schema and answer JDBC like production. */
@ExtendWith(StoresExtension.class)
class PostgresHarnessTest {
    private static final Set<String> KEA_TABLES = Set.of("agent", "mcp-server", "tag", "metadata", "resource",
            "teammetadata", "users", "session", "session_history", "session_attachments", "session_purge_queue",
            "feedbacks", "tasks", "sched_workflow_tasks", "writable_documents", "v2_langgraph_checkpoint",
            "v2_langgraph_checkpoint_blob", "v2_langgraph_checkpoint_write", "alembic_version_agentic",
            "alembic_version_knowledge_flow", "alembic_version_control_plane");

    @Test
    void bothRolesHoldTheKeaDatabaseOnTheirOwnServers(Stores stores) throws SQLException {
        PostgresEndpoint source = stores.source().postgres();
        PostgresEndpoint target = stores.target().postgres();
        assertEquals(stores.options().databaseName(), source.database());
        assertEquals(stores.options().databaseName(), target.database());
        assertNotEquals(source.jdbcUrl(), target.jdbcUrl(), "source and target must be different servers");
        for (PostgresEndpoint endpoint : List.of(source, target)) {
            try (Connection c = connect(endpoint)) {
                assertEquals(KEA_TABLES, tables(c));
                assertTrue(serverVersionNum(c) >= 150000, "production runs PostgreSQL 15 or newer");
            }
        }
    }

    @Test
    void schemaHasTheQuotedNamesEnumIndexesAndAlembicHeads(Stores stores) throws SQLException {
        try (Connection c = connect(stores.source().postgres())) {
            assertEquals(List.of("server_id", "payload_json", "created_at", "updated_at"), columns(c, "mcp-server"));
            assertEquals(List.of("id", "gcuVersionAccepted", "gcuAcceptedAt", "created_at", "updated_at"),
                    columns(c, "users"));
            assertEquals(List.of("V1"), strings(c, "SELECT e.enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = "
                    + "e.enumtypid WHERE t.typname = 'gcu_version_type' ORDER BY e.enumsortorder"));
            assertEquals(List.of("ARRAY"), strings(c, "SELECT data_type FROM information_schema.columns "
                    + "WHERE table_name = 'metadata' AND column_name = 'tag_ids'"));
            assertEquals(List.of("CREATE INDEX idx_metadata_tag_ids_gin ON public.metadata USING gin (tag_ids)"),
                    strings(c, "SELECT indexdef FROM pg_indexes WHERE indexname = 'idx_metadata_tag_ids_gin'"));
            assertEquals(List.of("idx_metadata_tag_ids_gin", "ix_metadata_source_tag", "ix_resource_author",
                    "ix_resource_resource_name", "ix_resource_resource_type", "ix_tag_name", "ix_tag_owner_id",
                    "ix_tag_path", "ix_tag_type", "ix_tag_updated_at"),
                    strings(c, "SELECT indexname FROM pg_indexes WHERE tablename IN ('tag','metadata','resource') "
                            + "AND indexname NOT LIKE '%_pkey' ORDER BY indexname"));
            assertEquals(List.of("created_at NO CURRENT_TIMESTAMP", "updated_at NO CURRENT_TIMESTAMP"),
                    strings(c, "SELECT column_name || ' ' || is_nullable || ' ' || column_default FROM "
                            + "information_schema.columns WHERE table_name = 'teammetadata' AND column_name LIKE "
                            + "'%ated_at' ORDER BY column_name"));
            assertEquals(List.of("c7d2a91f4e08"), strings(c, "SELECT version_num FROM alembic_version_agentic"));
            assertEquals(List.of("373dbaade980"), strings(c, "SELECT version_num FROM alembic_version_knowledge_flow"));
            assertEquals(List.of("ee06c110f46c"), strings(c, "SELECT version_num FROM alembic_version_control_plane"));
            assertEquals(List.of("0"), strings(c, "SELECT count(*)::text FROM information_schema.table_constraints "
                    + "WHERE constraint_type = 'FOREIGN KEY'"));
        }
    }

    @Test
    void aCreatedDatabaseIsIsolatedAndTakesKeaRows(Stores stores) throws SQLException {
        String name = "isolated_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        PostgresEndpoint db = stores.createDatabase(Role.TARGET, name);
        assertEquals(name, db.database());
        UUID sub = UUID.randomUUID();
        OffsetDateTime accepted = OffsetDateTime.parse("2026-05-04T15:30:00Z");
        try (Connection c = connect(db)) {
            assertEquals(KEA_TABLES, tables(c));
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO users (id, \"gcuVersionAccepted\", "
                    + "\"gcuAcceptedAt\") VALUES (?, 'V1', ?)")) {
                insert.setObject(1, sub);
                insert.setObject(2, accepted);
                insert.executeUpdate();
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO metadata (document_uid, tag_ids, doc) "
                    + "VALUES (?, ?, ?::jsonb)")) {
                insert.setString(1, "0f1e2d3c4b5a69788796a5b4c3d2e1f0");
                insert.setArray(2, c.createArrayOf("varchar", new String[] {"tag-1", "tag-ü"}));
                insert.setString(3, "{\"identity\":{\"document_name\":\"Rapport d’été.pdf\"}}");
                insert.executeUpdate();
            }
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO \"mcp-server\" (server_id, payload_json) VALUES ('__static_seeded__', '{}')");
            }
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT u.\"gcuAcceptedAt\", u.created_at IS NOT NULL, m.tag_ids, "
                            + "m.doc->'identity'->>'document_name' FROM users u, metadata m WHERE u.id = '" + sub + "'")) {
                assertTrue(rs.next());
                assertEquals(accepted.toInstant(), rs.getObject(1, OffsetDateTime.class).toInstant());
                assertTrue(rs.getBoolean(2), "created_at defaults to CURRENT_TIMESTAMP");
                Array tags = rs.getArray(3);
                assertEquals(List.of("tag-1", "tag-ü"), List.of((Object[]) tags.getArray()));
                assertEquals("Rapport d’été.pdf", rs.getString(4));
            }
        }
        try (Connection kea = connect(stores.target().postgres())) {
            assertEquals(List.of("0"), strings(kea, "SELECT count(*)::text FROM users WHERE id = '" + sub + "'"),
                    "rows in a created database never show in the kea database");
        }
        try (Connection other = connect(stores.source().postgres())) {
            assertFalse(strings(other, "SELECT datname FROM pg_database").contains(name),
                    "a database created for the target does not exist on the source server");
        }
    }

    @Test
    void aDatabaseNameThatNeedsQuotingIsRefused(Stores stores) {
        ConfigException e = assertThrows(ConfigException.class, () -> stores.createDatabase(Role.SOURCE, "Bad-Name"));
        assertTrue(e.problem().contains("Bad-Name"), e.problem());
    }

    static Connection connect(PostgresEndpoint endpoint) throws SQLException {
        return DriverManager.getConnection(endpoint.jdbcUrl(), endpoint.user(), endpoint.password());
    }

    private static Set<String> tables(Connection c) throws SQLException {
        return new TreeSet<>(strings(c, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"));
    }

    private static List<String> columns(Connection c, String table) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT column_name FROM information_schema.columns "
                + "WHERE table_name = ? ORDER BY ordinal_position")) {
            s.setString(1, table);
            return strings(s);
        }
    }

    private static int serverVersionNum(Connection c) throws SQLException {
        return Integer.parseInt(strings(c, "SHOW server_version_num").get(0));
    }

    static List<String> strings(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            return strings(s);
        }
    }

    private static List<String> strings(PreparedStatement s) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
