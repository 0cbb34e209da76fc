package dev.ferry.exporter.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.archive.keys.KeyFiles;
import dev.ferry.archive.keys.RecipientKey;
import dev.ferry.archive.keys.SigningKey;
import dev.ferry.archive.seal.SealingOptions;
import dev.ferry.cli.ExitCodes;
import dev.ferry.cli.output.JsonOutput;
import dev.ferry.cli.output.OutputOptions;
import dev.ferry.cli.passphrase.PassphraseOptions;
import dev.ferry.common.ByteSize;
import dev.ferry.common.ConfigException;
import dev.ferry.common.ExitCode;
import dev.ferry.common.LocalIoException;
import dev.ferry.common.StoreKind;
import dev.ferry.exporter.config.SourceConfig;
import dev.ferry.exporter.keycloak.OfflineRealmExport;
import dev.ferry.archive.state.ExporterStateFile;
import dev.ferry.exporter.objects.ChangeRule;
import dev.ferry.exporter.plan.Plan;
import dev.ferry.exporter.plan.PlanBuilder;
import dev.ferry.exporter.plan.PlanPrinter;
import dev.ferry.exporter.run.ExportRun;
import dev.ferry.exporter.state.ExporterState;
import dev.ferry.exporter.run.StoreOutcome;
import dev.ferry.exporter.run.SummaryPrinter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry-export run}: export the chosen stores into one signed, encrypted bundle. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Export the Source into one signed, OpenPGP-encrypted bundle under --out.",
            "Store data goes store → tar → zstd → sign → encrypt in one stream: no plaintext reaches the disk. "
            + "The bundle is written under a temporary name and renamed at the end; a failure or Ctrl-C removes it."})
@ExitCodes({ExitCode.OK, ExitCode.INTERNAL, ExitCode.USAGE, ExitCode.STORE, ExitCode.LOCAL_IO, ExitCode.INTERRUPTED})
public final class RunCommand implements Callable<Integer> {
    @Mixin
    SourceOptions source;

    @Mixin
    OutputOptions output;

    @Option(names = "--recipient", required = true, paramLabel = "KEY", description = "A recipient's armored public key (repeatable).")
    List<Path> recipients;

    @Option(names = "--signing-key", required = true, paramLabel = "KEY", description = "The exporter's armored secret signing key.")
    Path signingKey;

    @Mixin
    PassphraseOptions passphrase;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The directory to write the bundle <label>-<UTC time>.ferry into.")
    Path out;

    @Option(names = "--volume-size", paramLabel = "SIZE", description = "The largest part file, e.g. 700M or 4G (default: 4G - 1, the FAT32 limit).")
    String volumeSize;

    @Option(names = "--dry-run", description = "Check the config, the keys and connectivity and print the plan; write nothing.")
    boolean dryRun;

    @Mixin
    DeltaOptions delta;

    @Option(names = "--live", description = {"Skip the freeze guard, which otherwise reads the Source again at the end and"
            + " refuses the bundle if anything moved: for a first pass while the Source is still in use.",
            "The manifest says so (note freeze-guard: skipped (live pass))."})
    boolean live;

    @Override
    public Integer call() {
        SourceConfig config = source.loadConfig();
        Set<StoreKind> stores = source.storeKinds();
        delta.validate(stores);
        for (StoreKind kind : stores) {
            SourceConfig.require(switch (kind) {
                case POSTGRES -> config.postgres();
                case KEYCLOAK -> config.keycloak();
                case OPENFGA -> config.openfga();
                case OBJECTS -> config.objects();
            }, kind.label(), source.config);
        }
        OfflineRealmExport offline = source.offline(config);
        List<RecipientKey> recipientKeys = new ArrayList<>();
        for (Path r : recipients) {
            recipientKeys.add(KeyFiles.recipient(r));
        }
        SigningKey signer = KeyFiles.signingKey(signingKey, passphrase.forKey(signingKey));
        ExporterState base = delta.delta() ? delta.base(signer) : null;
        ChangeRule rule = base == null ? null : delta.rule(base);
        if (base != null) {
            output.status("Delta since bundle " + base.bundleId() + " (made " + base.manifest().createdAt() + ", "
                    + base.catalog().size() + " objects in its catalog)");
        }
        boolean writeState = ExporterStateFile.canSeal(signer);
        if (!writeState && stores.contains(StoreKind.OBJECTS)) {
            output.err().println("ferry-export: warning: the signing key " + signer.fingerprint() + " has no encryption subkey, so this"
                    + " bundle gets no exporter state and cannot be the base of a later --since pass. Fix: add one"
                    + " (gpg --quick-add-key " + signer.fingerprint() + " cv25519 encr) or use a key from 'ferry-export keys generate'.");
        }
        long volume = volumeSize == null ? SealingOptions.FAT32_MAX : ByteSize.parse(volumeSize);
        int lanes = Math.max(2, Runtime.getRuntime().availableProcessors());
        SealingOptions sealing = new SealingOptions(recipientKeys, signer, volume, config.label(), lanes);

        if (dryRun) {
            Plan plan = new PlanBuilder(config, source.config, stores, offline).since(base, rule).build();
            output.result(plan, text -> {
                text.println("Dry run: config, keys (signer " + signer.fingerprint() + ", " + recipientKeys.size()
                        + " recipient(s)) and connectivity checked; nothing was written.");
                PlanPrinter.print(plan, text);
            });
            return plan.exitCode();
        }

        Path bundle = out.resolve(bundleName(config.label()));
        ExportRun run = new ExportRun(config, source.config, stores, offline, output.progress());
        createOutDir();
        Thread hook = new Thread(() -> {
            run.abort();
            output.err().println("ferry-export: interrupted; the unfinished bundle was removed.");
        }, "ferry-export-abort");
        Runtime.getRuntime().addShutdownHook(hook);
        ExportRun.Outcome outcome;
        try {
            outcome = run.run(bundle, sealing, new ExportRun.PassOptions(base, rule, live, writeState));
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Already shutting down (Ctrl-C): the hook does the clean-up.
            }
        }
        output.result(json(outcome), text -> SummaryPrinter.print(outcome, text));
        return ExitCode.OK.code();
    }

    private void createOutDir() {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new ConfigException("--out " + out + " is a file, not a directory", "give a directory for the bundle");
        }
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw LocalIoException.writing("the output directory", out, e, "choose an --out directory you can write to, on a disk with room for the bundle");
        }
    }

    /** "kea-20261124T163000Z.ferry": the label made file-name safe, plus the UTC time. */
    static String bundleName(String label) {
        String safe = label.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return (safe.isEmpty() ? "kea" : safe) + "-"
                + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")) + ".ferry";
    }

    private static ObjectNode json(ExportRun.Outcome outcome) {
        ObjectNode o = JsonOutput.object();
        o.put("bundle", outcome.bundle().toString());
        o.put("bundleId", outcome.manifest().bundleId());
        o.put("formatVersion", outcome.manifest().formatVersion());
        if (outcome.manifest().base() != null) {
            o.put("base", outcome.manifest().base());
        }
        o.put("freezeGuard", outcome.freezeGuard());
        if (outcome.objects() != null) {
            o.set("objectsDelta", JsonOutput.tree(outcome.objects()));
        }
        o.put("parts", outcome.manifest().parts().size());
        o.put("bundleBytes", outcome.manifest().parts().stream().mapToLong(p -> p.size()).sum());
        o.put("seconds", outcome.nanos() / 1e9);
        ArrayNode stores = o.putArray("stores");
        for (StoreOutcome s : outcome.stores()) {
            ObjectNode so = stores.addObject();
            so.put("store", s.store()).put("bytes", s.bytes()).put("seconds", s.nanos() / 1e9)
                    .put("bytesPerSecond", s.nanos() <= 0 ? 0 : (long) (s.bytes() / (s.nanos() / 1e9)));
            so.set("counts", JsonOutput.tree(s.counts()));
            if (s.store().equals(StoreKind.KEYCLOAK.label())) {
                so.set("leftOut", JsonOutput.tree(s.leftOut()));
            }
        }
        o.put("opensearch", "not carried: re-vectorize on the Target (runbook §1.5)");
        return o;
    }
}
