package dev.ferry.stores.postgres;

/** SQL identifier quoting: table names such as "mcp-server" and columns such as "gcuVersionAccepted" need it. */
final class Sql {
    private Sql() {
    }

    static String ident(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
