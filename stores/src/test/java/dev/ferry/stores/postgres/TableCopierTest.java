package dev.ferry.stores.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The content definition's SQL, pinned: a change here changes every fingerprint, on both sides. */
class TableCopierTest {
    private static final TableInfo AGENT = new TableInfo("agent", List.of(new ColumnInfo("id", "text", false),
            new ColumnInfo("payload_json", "jsonb", true)), List.of("id"));
    private static final TableInfo NO_KEY = new TableInfo("mcp-server", List.of(new ColumnInfo("name", "text", true),
            new ColumnInfo("url", "text", true)), List.of());

    @Test
    void theContentIsEveryColumnInCatalogOrderOrderedByThePrimaryKey() {
        assertEquals("COPY (SELECT \"id\", \"payload_json\" FROM \"agent\" ORDER BY \"id\") TO STDOUT", TableCopier.copySql(AGENT));
    }

    @Test
    void withoutAPrimaryKeyEveryColumnOrdersTheRows() {
        assertEquals("SELECT \"name\", \"url\" FROM \"mcp-server\" ORDER BY \"name\", \"url\"", TableCopier.contentQuery(NO_KEY));
    }

    @Test
    void rowsAreNarrowedToKeysInsideTheSameContentQuery() {
        assertEquals("COPY (SELECT * FROM (SELECT \"id\", \"payload_json\" FROM \"agent\" ORDER BY \"id\") AS carried"
                + " WHERE (\"id\") IN ((E'a'), (E'it''s\\\\tab'))) TO STDOUT",
                TableCopier.copySqlForKeys(AGENT, List.of(new String[] {"a"}, new String[] {"it's\\\\tab"})));
        assertThrows(IllegalArgumentException.class, () -> TableCopier.copySqlForKeys(NO_KEY, List.<String[]>of(new String[] {"x"})));
        assertThrows(IllegalArgumentException.class, () -> TableCopier.copySqlForKeys(AGENT, List.of()));
    }

    @Test
    void tableEntriesAreNamedAfterTheirTable() {
        assertEquals("tables/mcp-server.copy", TableEntries.path("mcp-server"));
        assertEquals("mcp-server", TableEntries.tableOf(TableEntries.path("mcp-server")));
        assertEquals(false, TableEntries.isTable(TableEntries.SCHEMA));
        assertThrows(IllegalArgumentException.class, () -> TableEntries.tableOf("schema.json"));
    }
}
