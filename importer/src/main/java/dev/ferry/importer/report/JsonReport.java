package dev.ferry.importer.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.cli.output.JsonOutput;
import dev.ferry.importer.validate.CheckGroups;
import dev.ferry.importer.validate.CheckResult;
import dev.ferry.importer.validate.CheckStatus;
import dev.ferry.importer.validate.Reminder;
import dev.ferry.importer.validate.StoreTally;
import dev.ferry.importer.validate.ValidationReport;
import java.util.Map;

/**
 * The report as JSON for scripts (--json), printed by the CLI kit's JSON output. The shape is built field by field,
 * not derived from the records, so a refactoring cannot silently change what scripts parse.
 */
public final class JsonReport {
    public ObjectNode toJson(ValidationReport r) {
        ObjectNode root = JsonOutput.object();
        root.put("verdict", r.verdict().name());
        root.put("exitCode", r.exitCode().code());
        ObjectNode bundle = root.putObject("bundle");
        bundle.put("bundleId", r.bundle().bundleId());
        bundle.put("sourceLabel", r.bundle().sourceLabel());
        bundle.put("createdAt", String.valueOf(r.bundle().createdAt()));
        bundle.put("toolVersion", r.bundle().toolVersion());
        bundle.put("signerFingerprint", r.bundle().signerFingerprint());
        root.put("startedAt", r.startedAt().toString());
        root.put("finishedAt", r.finishedAt().toString());
        root.put("durationMillis", r.totalDuration().toMillis());
        root.put("verifyMillis", r.verifyDuration().toMillis());
        ObjectNode summary = root.putObject("summary");
        summary.put("checks", r.checks().size());
        for (CheckStatus s : CheckStatus.values()) {
            summary.put(s.name().toLowerCase(java.util.Locale.ROOT), r.count(s));
        }
        ArrayNode stores = root.putArray("stores");
        for (StoreTally t : r.stores()) {
            ObjectNode s = stores.addObject();
            s.put("store", t.store());
            putCounts(s.putObject("expected"), t.expected());
            putCounts(s.putObject("actual"), t.actual());
            s.put("durationMillis", t.duration().toMillis());
        }
        ArrayNode checks = root.putArray("checks");
        for (CheckResult c : r.checks()) {
            ObjectNode o = checks.addObject();
            o.put("id", c.id());
            o.put("store", c.store());
            o.put("title", c.title());
            o.put("status", c.status().name());
            o.put("group", CheckGroups.heading(c));
            o.put("expected", c.expected());
            o.put("actual", c.actual());
            ArrayNode d = o.putArray("differences");
            c.differences().forEach(d::add);
            o.put("omittedDifferences", c.omitted());
            o.put("durationMillis", c.duration().toMillis());
        }
        // The checks by heading within their store (Keycloak's realm sections), for scripts that report per section.
        ArrayNode groups = root.putArray("groups");
        for (CheckGroups.Group g : CheckGroups.of(r.checks())) {
            if (g.heading().isEmpty()) {
                continue;
            }
            ObjectNode o = groups.addObject();
            o.put("store", g.store());
            o.put("heading", g.heading());
            o.put("status", g.status().name());
            o.put("differences", g.differenceCount());
            ArrayNode ids = o.putArray("checks");
            g.checks().forEach(c -> ids.add(c.id()));
        }
        ArrayNode reminders = root.putArray("reminders");
        for (Reminder m : r.reminders()) {
            ObjectNode o = reminders.addObject();
            o.put("id", m.id());
            o.put("title", m.title());
            o.put("detail", m.detail());
            ArrayNode subjects = o.putArray("subjects");
            m.subjects().forEach(subjects::add);
        }
        DroppedTuplesSection.json(r.dropped(), root);
        return root;
    }

    private static void putCounts(ObjectNode node, Map<String, Long> counts) {
        counts.forEach(node::put);
    }
}
