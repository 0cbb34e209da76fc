package dev.ferry.tests.harness;

/** How to reach one PostgreSQL database of a running test server. */
public record PostgresEndpoint(String host, int port, String database, String user, String password) {

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** The same server and credentials, another database. */
    public PostgresEndpoint withDatabase(String otherDatabase) {
        return new PostgresEndpoint(host, port, otherDatabase, user, password);
    }
}
