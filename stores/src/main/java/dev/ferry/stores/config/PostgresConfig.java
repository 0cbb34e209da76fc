package dev.ferry.stores.config;

/**
 * The {@code postgres:} section: how to reach the database. {@code tables} is the exporter's choice of what to carry;
 * a target config can leave it out.
 */
public record PostgresConfig(String url, String user, Secret password, TableSelection tables) implements ConfigSection {
    public PostgresConfig {
        tables = tables == null ? TableSelection.defaults() : tables;
    }

    @Override
    public void validate(ConfigKeys keys) {
        keys.require(url, "url");
        if (!url.startsWith("jdbc:postgresql://")) {
            throw keys.invalid("url", "is not a PostgreSQL JDBC URL: " + url,
                    "Write it as jdbc:postgresql://HOST:PORT/DATABASE, e.g. jdbc:postgresql://pg.internal:5432/fred.");
        }
        keys.require(user, "user");
        keys.require(password, "password");
        tables.validate(keys.at("tables"));
    }
}
