package dev.ferry.importer.upgrade.teams;

import dev.ferry.importer.upgrade.rows.TargetRow;
import java.util.List;

/**
 * The swift teams of an upgrade.
 *
 * @param rows         one {@code teammetadata} row per team, in id order
 * @param needsAPerson teams that kea kept private and swift will not
 * @param notes        naming decisions and teams left behind, one sentence each, for the plan
 */
public record TeamPlan(List<TargetRow> rows, List<PrivacyRisk> needsAPerson, List<String> notes) {
    public TeamPlan {
        rows = List.copyOf(rows);
        needsAPerson = List.copyOf(needsAPerson);
        notes = List.copyOf(notes);
    }
}
