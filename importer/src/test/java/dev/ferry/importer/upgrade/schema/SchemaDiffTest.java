package dev.ferry.importer.upgrade.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ferry.importer.upgrade.schema.LiveTable.LiveColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaDiffTest {
    static final TableSpec SPEC = new TableSpec("teammetadata", List.of(
            ColumnSpec.never("id", "character varying"),
            ColumnSpec.never("name", "character varying(180)"),
            ColumnSpec.nullable("description", "character varying(180)"),
            ColumnSpec.defaulted("created_at", "timestamp with time zone")),
            List.of("id"), List.of(List.of("name")));

    static List<LiveColumn> matching() {
        return new ArrayList<>(List.of(
                new LiveColumn("id", "character varying", false, false),
                new LiveColumn("name", "character varying(180)", false, false),
                new LiveColumn("description", "character varying(180)", true, false),
                new LiveColumn("created_at", "timestamp with time zone", false, true)));
    }

    static List<String> diff(List<LiveColumn> cols, List<String> pk, List<List<String>> uniques) {
        return SchemaDiff.differences(SPEC, new LiveTable("teammetadata", cols, pk, uniques));
    }

    static List<String> diff(List<LiveColumn> cols) {
        return diff(cols, List.of("id"), List.of(List.of("name")));
    }

    @Test
    void aMatchingTableHasNoDifferenceAndExtraNullableOrDefaultedColumnsAreFine() {
        List<LiveColumn> cols = matching();
        cols.add(new LiveColumn("max_idle", "character varying", true, false));
        cols.add(new LiveColumn("joining_mode", "character varying(20)", false, true));
        assertEquals(List.of(), diff(cols));
    }

    @Test
    void aMissingTableSaysToRunSwiftsMigrations() {
        assertEquals(List.of("table teammetadata does not exist in the swift database: run swift's Alembic migrations (or start swift once) first"),
                SchemaDiff.differences(List.of(SPEC), Map.of()));
    }

    @Test
    void aMissingColumnIsNamedWithItsType() {
        List<LiveColumn> cols = matching();
        cols.remove(1);
        assertEquals(List.of("teammetadata.name: missing in the swift database (the upgrade writes it as character varying(180))"), diff(cols));
    }

    @Test
    void aTypeDifferenceNamesBoth() {
        List<LiveColumn> cols = matching();
        cols.set(1, new LiveColumn("name", "character varying(100)", false, false));
        assertEquals(List.of("teammetadata.name: character varying(100) in the swift database, the upgrade writes character varying(180)"), diff(cols));
    }

    @Test
    void aNotNullColumnTheUpgradeMayLeaveNullIsADifference() {
        List<LiveColumn> cols = matching();
        cols.set(2, new LiveColumn("description", "character varying(180)", false, false));
        assertEquals(List.of("teammetadata.description: NOT NULL in the swift database, but the upgrade may write NULL into it"), diff(cols));
    }

    @Test
    void aDefaultedColumnNeedsADefaultWhenItIsNotNull() {
        List<LiveColumn> cols = matching();
        cols.set(3, new LiveColumn("created_at", "timestamp with time zone", false, false));
        assertEquals(List.of("teammetadata.created_at: NOT NULL without a default in the swift database, but the upgrade leaves it to the default when unknown"),
                diff(cols));
    }

    @Test
    void anUnwrittenNotNullColumnWithoutDefaultIsADifference() {
        List<LiveColumn> cols = matching();
        cols.add(new LiveColumn("owner", "character varying", false, false));
        assertEquals(List.of("teammetadata.owner: NOT NULL without a default in the swift database, and the upgrade does not write it"), diff(cols));
    }

    @Test
    void anotherPrimaryKeyOrAMissingUniqueKeyIsADifference() {
        assertEquals(List.of("teammetadata: primary key [id, name] in the swift database, the upgrade upserts by [id]"),
                diff(matching(), List.of("id", "name"), List.of(List.of("name"))));
        assertEquals(List.of("teammetadata: no unique key on [name] in the swift database; the upgrade's names are unique on it"),
                diff(matching(), List.of("id"), List.of()));
    }

    @Test
    void everyDifferenceIsListedNotOnlyTheFirst() {
        List<LiveColumn> cols = matching();
        cols.remove(2);
        cols.set(1, new LiveColumn("name", "text", false, false));
        assertEquals(List.of(
                "teammetadata.name: text in the swift database, the upgrade writes character varying(180)",
                "teammetadata.description: missing in the swift database (the upgrade writes it as character varying(180))",
                "teammetadata: no unique key on [name] in the swift database; the upgrade's names are unique on it"),
                diff(cols, List.of("id"), List.of()));
    }
}
