package dev.ferry.tests.generator;

/** How a generated value is bound to a kea column, so one insert path serves every table. */
public enum SqlType {
    TEXT, JSONB, TIMESTAMPTZ, VARCHAR_ARRAY, UUID, BOOLEAN, INTEGER, DOUBLE, BYTEA, GCU_VERSION
}
