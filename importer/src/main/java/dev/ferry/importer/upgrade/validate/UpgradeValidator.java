package dev.ferry.importer.upgrade.validate;

import dev.ferry.importer.upgrade.agents.TemplateMapping;
import dev.ferry.importer.upgrade.config.UpgradeConfig;
import dev.ferry.importer.upgrade.objects.BucketMapping;
import dev.ferry.importer.upgrade.run.SwiftDatabase;
import dev.ferry.importer.upgrade.run.Upgrade;
import dev.ferry.importer.upgrade.run.UpgradeSummary;
import dev.ferry.importer.upgrade.tuples.PersonalTeams;
import dev.ferry.stores.keycloak.KeycloakClient;
import dev.ferry.stores.objects.ObjectStoreClient;
import dev.ferry.stores.openfga.OpenFgaStoreClient;
import dev.ferry.stores.openfga.TupleSetFingerprint;
import dev.ferry.stores.postgres.PostgresClient;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The validation of runbook §2.5, as issue 13 corrects it. It recomputes the transform from kea (a plan: nothing is
 * written) and checks swift against it: row counts per table, every agent instance's team and template, unique team
 * names, personal agents' teams, the swift tuple set's fingerprint, and every object's SHA-256 in its swift bucket.
 * It reads every store and writes none.
 */
public final class UpgradeValidator {
    /** Capabilities are seeded by swift's deployment, not migrated (fred-stores.md §3.2): left out of the tuple compare. */
    static final String CAPABILITY = "capability:";

    private final UpgradeConfig config;
    private final PrintStream progress;

    public UpgradeValidator(UpgradeConfig config, PrintStream progress) {
        this.config = config;
        this.progress = progress;
    }

    public UpgradeValidation validate() {
        UpgradeSummary expected = new Upgrade(config, progress).run(true, false);
        List<UpgradeCheck> checks = new ArrayList<>();
        checks.add(UpgradeCheck.of("No GAP agent", expected.gaps().stream().map(g -> "agent " + g.agentId() + " (" + g.displayName() + "): " + g.reason()).toList(),
                "every user agent is mapped or an ignored sample"));
        try (SwiftDatabase swift = new SwiftDatabase(new PostgresClient(config.swift().postgres()))) {
            List<String> counts = new ArrayList<>();
            expected.tables().forEach((table, c) -> {
                long actual = swift.count(table);
                if (actual != c.written()) {
                    counts.add(table + ": " + actual + " row(s) in swift, the transform writes " + c.written() + " (read " + c.read() + ", skipped " + c.skipped() + ")");
                }
            });
            checks.add(UpgradeCheck.of("Row counts per table", counts, expected.tables().entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue().written()).reduce((a, b) -> a + ", " + b).orElse("")));
            checks.add(UpgradeCheck.of("Every agent instance's team exists", swift.texts("""
                    SELECT 'agent_instance ' || a.agent_instance_id || ': team ' || a.team_id || ' has no teammetadata row'
                    FROM agent_instance a WHERE a.team_id NOT LIKE 'personal-%'
                    AND NOT EXISTS (SELECT 1 FROM teammetadata t WHERE t.id = a.team_id) ORDER BY 1"""), "every team agent's team has a row"));
            TemplateMapping templates = config.templateMapping();
            List<String> unmapped = swift.texts("SELECT DISTINCT template_id FROM agent_instance ORDER BY 1").stream()
                    .filter(t -> !templates.producesTemplateId(t)).map(t -> "template " + t + " is not in the template mapping").toList();
            checks.add(UpgradeCheck.of("Every agent instance's template is mapped", unmapped, "every template_id comes from the mapping"));
            checks.add(UpgradeCheck.of("Every team has a unique name", swift.texts(
                    "SELECT 'name ' || name || ' is held by ' || count(*) || ' teams' FROM teammetadata GROUP BY name HAVING count(*) > 1 ORDER BY 1"),
                    "teammetadata.name is unique"));
            Set<String> users = new HashSet<>();
            try (KeycloakClient kc = KeycloakClient.connect(config.keycloak())) {
                kc.forEachUser(config.keycloak().realm(), u -> users.add(u.path("id").asText()));
            }
            List<String> personal = new ArrayList<>();
            for (String team : swift.texts("SELECT DISTINCT team_id FROM agent_instance WHERE team_id LIKE 'personal-%' ORDER BY 1")) {
                String sub = team.substring(PersonalTeams.PREFIX.length());
                if (!users.contains(sub)) {
                    personal.add("personal agent team " + team + ": " + sub + " is not a user of realm " + config.keycloak().realm());
                }
            }
            personal.addAll(swift.texts("""
                    SELECT 'agent_instance ' || agent_instance_id || ': personal team id ' || team_id || ' is not personal-<sub>'
                    FROM agent_instance WHERE team_id LIKE 'personal%' AND team_id NOT LIKE 'personal-%' ORDER BY 1"""));
            checks.add(UpgradeCheck.of("Personal agents belong to personal-<sub> of a Keycloak user", personal, "every personal team's sub is a Keycloak user"));
        }
        checks.add(tuples(expected));
        if (config.objects() != null) {
            checks.add(objects());
        }
        return new UpgradeValidation(expected, checks);
    }

    private UpgradeCheck tuples(UpgradeSummary expected) {
        OpenFgaStoreClient swift = OpenFgaStoreClient.connect(config.swift().openfga());
        TupleSetFingerprint actual = new TupleSetFingerprint();
        long[] capabilities = {0};
        swift.forEachTuple(t -> {
            if (t.object().startsWith(CAPABILITY)) {
                capabilities[0]++;
            } else {
                actual.add(t);
            }
        });
        String detail = expected.expectedTuples() + " tuples, fingerprint " + expected.expectedTupleFingerprint().substring(0, 16)
                + (capabilities[0] > 0 ? " (" + capabilities[0] + " capability tuples seeded by swift left out)" : "");
        if (actual.hex().equals(expected.expectedTupleFingerprint())) {
            return new UpgradeCheck("swift tuples = mapped kea tuples + synthesised memberships", true, detail, List.of());
        }
        return new UpgradeCheck("swift tuples = mapped kea tuples + synthesised memberships", false, "the sets differ",
                List.of("swift holds " + actual.size() + " tuples (fingerprint " + actual.hex().substring(0, 16) + "), the mapping of kea gives "
                        + expected.expectedTuples() + " (fingerprint " + expected.expectedTupleFingerprint().substring(0, 16) + "): run the upgrade (again)"));
    }

    private UpgradeCheck objects() {
        ObjectStoreClient s3 = new ObjectStoreClient(config.objects().connection());
        BucketMapping mapping = config.objects().mapping();
        List<String> findings = new ArrayList<>();
        long[] n = {0};
        for (Map.Entry<String, String> e : mapping.keaToSwift().entrySet()) {
            if (!s3.bucketExists(e.getKey())) {
                continue;
            }
            if (!s3.bucketExists(e.getValue())) {
                findings.add("swift bucket " + e.getValue() + " does not exist (kea bucket " + e.getKey() + ")");
                continue;
            }
            s3.list(e.getKey(), o -> {
                n[0]++;
                // Keys hold file names: a finding names the bucket and a count, never the key.
                if (s3.size(e.getValue(), o.key()).isEmpty()) {
                    findings.add("an object of " + e.getKey() + " is missing from " + e.getValue());
                } else if (!s3.sha256(e.getKey(), o.key()).equals(s3.sha256(e.getValue(), o.key()))) {
                    findings.add("an object of " + e.getKey() + " differs (SHA-256) in " + e.getValue());
                }
            });
        }
        return UpgradeCheck.of("Every object is in its swift bucket with the same SHA-256", findings, n[0] + " objects checked");
    }
}
