package dev.ferry.importer.postgres;

import java.util.List;
import java.util.stream.Collectors;

/** SQL text helpers: every identifier is quoted, because kea has tables like "mcp-server" and columns like "gcuAcceptedAt". */
final class Sql {
    private Sql() {
    }

    static String ident(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    static String idents(List<String> names) {
        return names.stream().map(Sql::ident).collect(Collectors.joining(", "));
    }
}
