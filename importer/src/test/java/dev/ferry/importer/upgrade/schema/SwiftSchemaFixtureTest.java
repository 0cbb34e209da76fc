package dev.ferry.importer.upgrade.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.importer.upgrade.Fixtures;
import dev.ferry.importer.upgrade.schema.LiveTable.LiveColumn;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The expected schema the upgrade checks a live database against, and the fixture DDL the rehearsal creates, must
 * agree: the fixture is read as a catalog would report it and compared with {@link SchemaDiff}.
 */
class SwiftSchemaFixtureTest {
    private static final Pattern TABLE = Pattern.compile("CREATE TABLE (\\w+) \\((.*?)\\n\\);", Pattern.DOTALL);
    private static final Pattern KEY = Pattern.compile("\\((.*)\\)");

    static Map<String, LiveTable> fixtureTables() throws IOException {
        String sql = Files.readString(Fixtures.swift().resolve("swift-schema.sql"));
        Map<String, LiveTable> tables = new LinkedHashMap<>();
        Matcher m = TABLE.matcher(sql);
        while (m.find()) {
            List<LiveColumn> cols = new ArrayList<>();
            List<String> pk = List.of();
            List<List<String>> uniques = new ArrayList<>();
            for (String raw : m.group(2).split("\n")) {
                String line = raw.strip().replaceAll(",$", "");
                if (line.isEmpty() || line.startsWith("--")) {
                    continue;
                }
                if (line.contains("PRIMARY KEY")) {
                    pk = keyOf(line);
                } else if (line.contains(" UNIQUE ")) {
                    uniques.add(keyOf(line));
                } else {
                    String name = line.substring(0, line.indexOf(' ')).replace("\"", "");
                    String rest = line.substring(line.indexOf(' ')).strip();
                    String upper = rest.toUpperCase(Locale.ROOT);
                    int end = rest.length();
                    for (String marker : new String[] {"NOT NULL", "DEFAULT "}) {
                        int at = upper.indexOf(marker);
                        end = at >= 0 ? Math.min(end, at) : end;
                    }
                    cols.add(new LiveColumn(name, rest.substring(0, end).strip(), !upper.contains("NOT NULL"), upper.contains("DEFAULT ")));
                }
            }
            tables.put(m.group(1), new LiveTable(m.group(1), cols, pk, uniques));
        }
        return tables;
    }

    private static List<String> keyOf(String line) {
        Matcher k = KEY.matcher(line);
        assertTrue(k.find(), line);
        return Arrays.stream(k.group(1).split(",")).map(String::strip).toList();
    }

    @Test
    void theFixtureDdlIsWhatTheUpgradeExpects() throws IOException {
        Map<String, LiveTable> tables = fixtureTables();
        assertTrue(tables.keySet().containsAll(List.of("agent_instance", "teammetadata", "users", "tag", "metadata", "resource", "prompt",
                "default_prompt_usage")), tables.keySet()::toString);
        assertEquals(List.of(), SchemaDiff.differences(SwiftSchema.tables(), tables));
    }

    @Test
    void theFixtureHasNoIsPrivateAndUsersHaveNoTimestamps() throws IOException {
        Map<String, LiveTable> tables = fixtureTables();
        assertTrue(tables.get("teammetadata").columns().stream().noneMatch(c -> c.name().equals("is_private")));
        for (String t : new String[] {"users", "metadata", "resource"}) {
            assertTrue(tables.get(t).columns().stream().noneMatch(c -> c.name().endsWith("_at") && !c.name().equals("gcuAcceptedAt")), t);
        }
    }

    @Test
    void aKeaTableFailsTheCheckWithPreciseDifferences() {
        // A kea teammetadata table where the swift one should be: what a wrong database name in the config looks like.
        LiveTable keaTeams = new LiveTable("teammetadata", List.of(
                new LiveColumn("id", "character varying", false, false),
                new LiveColumn("description", "character varying(180)", true, false),
                new LiveColumn("is_private", "boolean", false, false),
                new LiveColumn("banner_object_storage_key", "character varying(300)", true, false),
                new LiveColumn("created_at", "timestamp with time zone", false, true),
                new LiveColumn("updated_at", "timestamp with time zone", false, true)), List.of("id"), List.of());
        assertEquals(List.of(
                "teammetadata.name: missing in the swift database (the upgrade writes it as character varying(180))",
                "teammetadata.joining_mode: missing in the swift database (the upgrade writes it as character varying(20))",
                "teammetadata.current_resources_storage_size: missing in the swift database (the upgrade writes it as bigint)",
                "teammetadata.is_private: NOT NULL without a default in the swift database, and the upgrade does not write it",
                "teammetadata: no unique key on [name] in the swift database; the upgrade's names are unique on it"),
                SchemaDiff.differences(SwiftSchema.TEAMMETADATA, keaTeams));
    }
}
