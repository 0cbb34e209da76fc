package dev.ferry.exporter.plan;

import dev.ferry.common.Sizes;
import dev.ferry.cli.output.TerminalWriter;

/** Prints a plan for a person: the figures the runbook asks for, then the estimate, then every problem. */
public final class PlanPrinter {
    private static final int PROBLEMS_SHOWN = 50;
    private PlanPrinter() {
    }

    public static void print(Plan plan, TerminalWriter out) {
        if (plan.postgres() != null) {
            Plan.PostgresPlan pg = plan.postgres();
            out.printf("PostgreSQL  database %s (server %s): %s%n", pg.database(), pg.serverVersion(), Sizes.human(pg.databaseBytes()));
            out.printf("  %-32s %-8s %12s %12s%n", "table", "", "rows", "size");
            for (Plan.TablePlan t : pg.tables()) {
                out.printf("  %-32s %-8s %12s %12s%n", t.name(), t.carried() ? "carry" : "skip",
                        t.present() ? Long.toString(t.rows()) : "absent", t.present() ? Sizes.human(t.bytes()) : "-");
            }
            if (!pg.otherTables().isEmpty()) {
                out.println("  also present, not carried: " + String.join(", ", pg.otherTables()));
            }
        }
        if (plan.keycloak() != null) {
            Plan.KeycloakPlan kc = plan.keycloak();
            out.printf("Keycloak    realm %s: %d users, %d teams (root groups; %d groups in all), %d with WebAuthn (must re-enrol), %d whose "
                    + "password hash cannot be carried%s%n", kc.realm(), kc.users(), kc.teams(), kc.groups(), kc.webauthnUsers(),
                    kc.passwordNotCarried(), kc.offlineExportGiven() ? "" : " (no --keycloak-realm-file: all need a reset)");
        }
        if (plan.openfga() != null) {
            Plan.OpenFgaPlan f = plan.openfga();
            out.printf("OpenFGA     store %s (%s): %d models, %d tuples, %d in username form%n", f.storeName(), f.storeId(),
                    f.models(), f.tuples(), f.usernameFormTuples());
        }
        if (plan.objects() != null) {
            Plan.ObjectsPlan o = plan.objects();
            out.printf("Objects     %d buckets, %d objects, %s%n", o.buckets().size(), o.objects(), Sizes.human(o.bytes()));
            for (Plan.BucketPlan b : o.buckets()) {
                out.printf("  %-48s %10d objects %12s%n", b.name(), b.objects(), Sizes.human(b.bytes()));
            }
        }
        if (plan.delta() != null) {
            Plan.DeltaPlan d = plan.delta();
            out.printf("Delta       since bundle %s (made %s): objects added %d (%s), changed %d (%s), deleted %d (%s); "
                    + "%d unchanged stay on the Target%n", d.base(), d.baseCreatedAt(), d.added(), Sizes.human(d.addedBytes()),
                    d.changed(), Sizes.human(d.changedBytes()), d.deleted(), Sizes.human(d.deletedBytes()), d.unchanged(),
                    Sizes.human(d.unchangedBytes()));
            if (d.compareContent()) {
                out.printf("            compare-content reads and hashes %d more objects (%s); those that differ travel too%n",
                        d.toCompare(), Sizes.human(d.toCompareBytes()));
            }
            out.printf("            catalog of the freeze: %d objects, %s; PostgreSQL, Keycloak and OpenFGA travel whole%n",
                    d.catalogObjects(), Sizes.human(d.catalogBytes()));
        }
        if (plan.crossStore() != null) {
            printCrossStore(plan.crossStore(), out);
        }
        Plan.Estimate e = plan.estimate();
        out.printf("Estimate    bundle ≈ %s; export ≈ %s at %s (measured: %s, %s)%n", Sizes.human(e.bundleBytes()),
                e.seconds() < 0 ? "unknown" : e.seconds() + " s", e.bytesPerSecond() <= 0 ? "-" : Sizes.human(e.bytesPerSecond()) + "/s",
                e.sampleSource(), Sizes.human(e.sampleBytes()));
        plan.notes().forEach(n -> out.println("Note        " + n));
        if (!plan.ok()) {
            out.println();
            out.println("The export cannot run until these are fixed:");
            plan.problems().forEach(p -> out.println("  - " + p));
        }
    }

    /** Each rule's result; the offending teams and documents are store content, so they go through the escaping printf. */
    private static void printCrossStore(Plan.CrossStorePlan cs, TerminalWriter out) {
        for (Plan.CrossStoreCheck c : cs.checks()) {
            out.printf("Cross-store %s: %s%n", c.title(), c.problems().isEmpty() ? "yes (" + c.checked() + " checked)"
                    : c.problems().size() + " of " + c.checked() + " do not hold (validate will report them on the Target)");
            c.problems().stream().limit(PROBLEMS_SHOWN).forEach(p -> out.printf("  - %s%n", p));
            if (c.problems().size() > PROBLEMS_SHOWN) {
                out.printf("  … and %d more (see --json)%n", c.problems().size() - PROBLEMS_SHOWN);
            }
        }
        cs.notRun().forEach(n -> out.printf("Cross-store not run: %s%n", n));
        if (!cs.clean()) {
            out.printf("            what to do about each: docs/operator-guide-source.md, \"Cross-store findings\"%n");
        }
    }
}
