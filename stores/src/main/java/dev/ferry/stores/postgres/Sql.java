package dev.ferry.stores.postgres;

import java.util.List;
import java.util.stream.Collectors;

/** SQL identifier quoting: table names such as "mcp-server" and columns such as "gcuVersionAccepted" need it. */
public final class Sql {
    private Sql() {
    }

    public static String ident(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** Quoted identifiers separated by ", ". */
    public static String idents(List<String> names) {
        return names.stream().map(Sql::ident).collect(Collectors.joining(", "));
    }
}
