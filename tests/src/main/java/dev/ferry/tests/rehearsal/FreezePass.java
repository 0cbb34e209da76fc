package dev.ferry.tests.rehearsal;

import static dev.ferry.tests.rehearsal.Rehearsal.concat;
import static dev.ferry.tests.rehearsal.Rehearsal.export;
import static dev.ferry.tests.rehearsal.Rehearsal.importer;

import dev.ferry.tests.generator.KeaDataset;
import dev.ferry.tests.harness.Role;
import dev.ferry.tests.harness.StoreSet;
import dev.ferry.tests.harness.Stores;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.keycloak.admin.client.Keycloak;

/**
 * The rehearsal's second pass, the one the maintenance window waits for: the Source changes while the first bundle is
 * carried ({@link FreezeWindow}), then the freeze bundle ({@code run --since} the first one) is planned, exported,
 * verified, loaded onto the Target that holds the first pass, and validated; then {@code ferry-import report} writes
 * the migration report. The changed password and the new user are tried on the Target by logging in with them, and
 * the removed user must be gone.
 */
final class FreezePass {
    private final Steps steps;
    private final PrintStream out;
    private final Stores stores;
    private final StoreSet source;
    private final StoreSet target;
    private final Names names;
    private final Path work;
    private final Path keys;
    private final List<String> keyArgs;

    FreezePass(Steps steps, PrintStream out, Stores stores, StoreSet source, StoreSet target, Names names, Path work, Path keys,
            List<String> keyArgs) {
        this.steps = steps;
        this.out = out;
        this.stores = stores;
        this.source = source;
        this.target = target;
        this.names = names;
        this.work = work;
        this.keys = keys;
        this.keyArgs = keyArgs;
    }

    void run(KeaDataset dataset, long seed, Path sourceYaml, Path targetYaml, Path base, Path freezeBundle, Path freezeReport,
            Path migrationReport) {
        Path exports = work.resolve("freeze-exports");
        Path realmFile = work.resolve("secrets").resolve("keycloak-realm-freeze.json");
        FreezeWindow.Changes[] changes = new FreezeWindow.Changes[1];
        steps.run("The window: users change the Source while the first bundle travels", () -> {
            // S3 times have whole seconds: the changes come more than a second after the first pass listed the buckets.
            Thread.sleep(1_500);
            changes[0] = new FreezeWindow(dataset, source, names.seedNames(), seed).apply();
            changes[0].lines().forEach(l -> out.println("      " + l));
            return 0;
        });
        List<String> realmArg = List.of("--keycloak-realm-file", realmFile.toString());
        steps.run("Export the Source realm offline again (the window's users and password hashes)", () -> {
            stores.keycloakOfflineExport(Role.SOURCE, names.realm(), realmFile);
            return 0;
        });
        // The seed ran seconds before the first pass: the default safety margin (5 min) would carry every object again.
        List<String> since = List.of("--since", base.toString(), "--safety-margin", "0s");
        steps.run("ferry-export plan --since the first bundle (what the freeze will carry, and the Source's cross-store checks)",
                () -> export(concat(concat(List.of("plan", "--config", sourceYaml.toString(), "--signing-key",
                        keys.resolve("signer.sec.asc").toString()), since), realmArg)));
        steps.run("ferry-export run --since the first bundle (the freeze pass; the freeze guard is on)",
                () -> export(concat(concat(List.of("run", "--config", sourceYaml.toString(), "--recipient",
                        keys.resolve("recipient.pub.asc").toString(), "--signing-key", keys.resolve("signer.sec.asc").toString(),
                        "--out", exports.toString()), since), realmArg)));
        steps.run("Move the freeze bundle to " + freezeBundle, () -> {
            Rehearsal.moveSingleBundle(exports, freezeBundle);
            return 0;
        });
        steps.run("ferry-import verify the freeze bundle, as the courier",
                () -> importer("verify", freezeBundle.toString(), "--signer", keys.resolve("signer.pub.asc").toString()));
        steps.run("ferry-import verify the freeze bundle, with the decryption key",
                () -> importer(concat(List.of("verify", freezeBundle.toString()), keyArgs)));
        steps.run("ferry-import load the freeze bundle onto the Target that holds the first",
                () -> importer(concat(List.of("load", freezeBundle.toString(), "--config", targetYaml.toString()), keyArgs)));
        steps.run("ferry-import validate after the freeze (objects the first validate hashed are checked by size and ETag)",
                () -> importer(concat(List.of("validate", freezeBundle.toString(), "--config", targetYaml.toString(),
                        "--report", freezeReport.toString()), keyArgs)));
        steps.run("Log in on the Target with the password changed in the window, and as the new user; the removed user is gone",
                () -> logins(changes[0]));
        steps.run("ferry-import report: the migration as a manager follows it (plan, both passes, validation, decision)",
                () -> importer("report", "--config", targetYaml.toString(), "--out", migrationReport.toString()));
    }

    /** Password grants against the Target realm's token endpoint, as the users themselves would log in. */
    private int logins(FreezeWindow.Changes c) {
        List<String> failed = new ArrayList<>();
        if (!login(c.passwordUser(), c.newPassword())) {
            failed.add(c.passwordUser() + " cannot log in with the password set in the window");
        }
        if (!login(c.addedUser(), c.addedPassword())) {
            failed.add("the user added in the window, " + c.addedUser() + ", cannot log in");
        }
        try (Keycloak admin = Keycloak.getInstance(target.keycloak().url(), "master", target.keycloak().adminUser(),
                target.keycloak().adminPassword(), "admin-cli")) {
            if (!admin.realm(names.realm()).users().searchByUsername(c.removedUser(), true).isEmpty()) {
                failed.add("the user removed in the window, " + c.removedUser() + ", is still on the Target");
            }
        }
        if (!failed.isEmpty()) {
            throw new IllegalStateException(String.join("; ", failed));
        }
        out.println("      " + c.passwordUser() + " logged in with the new password; " + c.addedUser() + " logged in; "
                + c.removedUser() + " is gone");
        return 0;
    }

    private boolean login(String username, String password) {
        try (Keycloak asUser = Keycloak.getInstance(target.keycloak().url(), names.realm(), username, password, "admin-cli")) {
            return !asUser.tokenManager().getAccessTokenString().isEmpty();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
