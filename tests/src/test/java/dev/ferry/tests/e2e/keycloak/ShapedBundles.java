package dev.ferry.tests.e2e.keycloak;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.archive.keys.KeyFiles;
import dev.ferry.archive.keys.Passphrase;
import dev.ferry.archive.seal.BundleWriter;
import dev.ferry.archive.seal.EntryOutputStream;
import dev.ferry.archive.seal.SealingOptions;
import dev.ferry.archive.seal.StoreWriter;
import dev.ferry.exporter.cli.ExportCli;
import dev.ferry.stores.keycloak.RealmEntries;
import dev.ferry.tests.e2e.fixture.LoadRun;
import dev.ferry.tests.e2e.fixture.TargetFixture;
import dev.ferry.tests.e2e.fixture.TestKeys;
import dev.ferry.tests.generator.ShapedRealm;
import dev.ferry.tests.harness.Role;
import dev.ferry.tests.harness.Stores;
import dev.ferry.tests.rehearsal.SourceYaml;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Bundles of a shaped realm: written by the real {@code ferry-export run --stores keycloak} (API-only, or with a real
 * {@code kc.sh export} as --keycloak-realm-file), or, for what an earlier Ferry wrote, sealed by hand from Ferry's raw
 * API read, masks and all.
 */
final class ShapedBundles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ShapedBundles() {
    }

    /** A bundle and what ferry-export printed (--json). */
    record Exported(Path bundle, LoadRun run) {
    }

    static Exported export(Stores stores, ShapedRealm shaped, TestKeys keys, Path dir, boolean offline) throws Exception {
        Path secrets = dir.resolve("secrets");
        Path out = dir.resolve("out");
        Path yaml = SourceYaml.write(Files.createDirectories(dir).resolve("source.yaml"), secrets, stores.source(),
                "shaped " + shaped.name(), shaped.name(), "unused", "unused");
        List<String> args = new ArrayList<>(List.of("run", "--stores", "keycloak", "--config", yaml.toString(), "--recipient",
                keys.recipientPublic().toString(), "--signing-key", keys.signerSecret().toString(), "--out", out.toString(), "--json"));
        if (offline) {
            Path realmFile = stores.keycloakOfflineExport(Role.SOURCE, shaped.name(), secrets.resolve("realm-export.json"));
            args.addAll(List.of("--keycloak-realm-file", realmFile.toString()));
        }
        LoadRun run = TargetFixture.runInProcess("ferry-export", new ExportCli(), args);
        if (run.exitCode() != 0) {
            throw new AssertionError("ferry-export of shaped realm " + shaped.name() + " failed:\n" + run.all());
        }
        try (Stream<Path> s = Files.list(out)) {
            return new Exported(s.filter(p -> p.getFileName().toString().endsWith(".ferry")).findFirst().orElseThrow(), run);
        }
    }

    /** {@code ferry-export plan --stores keycloak} of the shaped realm, as text. */
    static LoadRun plan(Stores stores, ShapedRealm shaped, Path dir) throws Exception {
        Path yaml = SourceYaml.write(Files.createDirectories(dir).resolve("source.yaml"), dir.resolve("secrets"), stores.source(),
                "shaped " + shaped.name(), shaped.name(), "unused", "unused");
        return TargetFixture.runInProcess("ferry-export", new ExportCli(), List.of("plan", "--stores", "keycloak", "--config",
                yaml.toString()));
    }

    /**
     * The bundle an earlier Ferry wrote from this read: realm.json exactly as read (the Admin API's masks in it), the
     * users, and no left-out.json.
     */
    static Path sealedByHand(FerryApiRead read, ObjectNode realm, TestKeys keys, Path dir) throws Exception {
        Path bundle = dir.resolve("earlier.ferry");
        SealingOptions sealing = new SealingOptions(List.of(KeyFiles.recipient(keys.recipientPublic())),
                KeyFiles.signingKey(keys.signerSecret(), Passphrase.none()), SealingOptions.FAT32_MAX, "earlier ferry", 2);
        try (BundleWriter w = BundleWriter.create(bundle, sealing)) {
            w.note("source-kind", "kea");
            try (StoreWriter store = w.openStore("keycloak")) {
                try (EntryOutputStream e = store.newEntry(RealmEntries.REALM)) {
                    e.write(JSON.writeValueAsBytes(realm));
                }
                try (EntryOutputStream e = store.newEntry(RealmEntries.USERS)) {
                    for (ObjectNode u : read.users()) {
                        ObjectNode line = u.deepCopy().put("ferryPasswordCarried", false);
                        e.write((JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8));
                    }
                    e.count("users", read.users().size());
                }
            }
            w.finish();
        }
        return bundle;
    }

    /** A Target for a bundle of the shaped realm, loading it into {@code realm}. */
    static TargetFixture target(Stores stores, String realm, TestKeys keys, Path bundle, Path dir) throws Exception {
        return new TargetFixture(stores, realm, Map.of(), keys, bundle, dir);
    }
}
