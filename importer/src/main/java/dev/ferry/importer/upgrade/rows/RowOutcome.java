package dev.ferry.importer.upgrade.rows;

/** What a mapper makes of one kea row: a swift row to write, or a skip with its reason. */
public sealed interface RowOutcome {

    record Write(TargetRow row) implements RowOutcome {
    }

    record Skip(String reason) implements RowOutcome {
    }
}
