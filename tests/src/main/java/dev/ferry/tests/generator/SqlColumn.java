package dev.ferry.tests.generator;

/** A column of a kea table: its exact (unquoted) name and how values are bound. */
public record SqlColumn(String name, SqlType type) {
}
