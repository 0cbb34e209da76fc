package dev.ferry.tests.harness;

/** A running PostgreSQL server; {@link #admin()} points at its maintenance database "postgres". */
interface PostgresServer extends RunningStore {
    PostgresEndpoint admin();
}
