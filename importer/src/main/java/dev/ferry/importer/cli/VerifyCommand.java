package dev.ferry.importer.cli;

import dev.ferry.archive.format.Json;
import dev.ferry.archive.keys.DecryptionKey;
import dev.ferry.archive.keys.KeyFiles;
import dev.ferry.archive.keys.PassphraseChoice;
import dev.ferry.archive.keys.SignerKey;
import dev.ferry.archive.manifest.Manifest;
import dev.ferry.archive.read.BundleVerifier;
import dev.ferry.archive.read.VerificationReport;
import dev.ferry.common.ByteSize;
import dev.ferry.common.ConfigException;
import dev.ferry.common.ExitCode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ferry-import verify}: the courier's check (signatures, part sizes and hashes) without a decryption key, and the
 * full check (decrypt every part, inner signatures, indexes, counts) with one. Exit 0 verified, 3 not, 2 bad arguments.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Verify a bundle. Without --decryption-key: the signatures of manifest.json and SHA256SUMS against the",
            "pinned signer, and every part's size and SHA-256 (what a courier or security officer can check).",
            "With --decryption-key: also decrypt every part and check its inner signature, every entry against its index,",
            "and every count against the manifest. Nothing is written anywhere."},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  verified", "  2  bad arguments or key files", "  3  the bundle failed verification"})
public final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BUNDLE", description = "The bundle directory (<name>.ferry).")
    Path bundle;

    @Option(names = "--signer", required = true, paramLabel = "KEY", description = "The exporter's public signing key (armored), pinned.")
    Path signerKey;

    @Option(names = "--decryption-key", paramLabel = "KEY", description = "Your secret decryption key (armored): also decrypt and check every part.")
    Path decryptionKey;

    @Option(names = "--passphrase-env", paramLabel = "NAME", description = "Read the decryption key's passphrase from this environment variable.")
    String passphraseEnv;

    @Option(names = "--passphrase-file", paramLabel = "PATH", description = "Read the decryption key's passphrase from this file.")
    Path passphraseFile;

    @Option(names = "--no-passphrase", description = "The decryption key has no passphrase.")
    boolean noPassphrase;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(bundle)) {
            throw new ConfigException(bundle + " is not a directory", "give the bundle directory, e.g. /media/usb/kea-2026-11-24.ferry");
        }
        SignerKey signer = KeyFiles.signer(signerKey);
        VerificationReport report;
        String keyText = null;
        if (decryptionKey != null) {
            DecryptionKey key = KeyFiles.decryptionKey(decryptionKey,
                    PassphraseChoice.of(passphraseEnv, passphraseFile, noPassphrase, "passphrase of the decryption key " + decryptionKey));
            keyText = key.userId() + " [" + key.fingerprint() + "]";
            report = BundleVerifier.verifyReport(bundle, signer, key);
        } else {
            if (passphraseEnv != null || passphraseFile != null || noPassphrase) {
                throw new ConfigException("a passphrase option was given without --decryption-key", "add --decryption-key KEY, or drop the passphrase option");
            }
            report = BundleVerifier.verifySealed(bundle, signer);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(jsonReport(report, signer, keyText)));
        } else {
            printText(out, report, signer, keyText);
        }
        out.flush();
        if (!report.ok()) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("ferry-import: error: " + bundle.getFileName() + " failed verification: " + report.problems().get(0)
                    + (report.problems().size() > 1 ? " (and " + (report.problems().size() - 1) + " more)" : ""));
            err.println("  What to do: do not import this bundle; copy it again from the original medium (or have it re-exported)"
                    + " and verify again. If the signer or recipient is wrong, check the key files and compare fingerprints out of band.");
            err.flush();
            return ExitCode.VERIFICATION.code();
        }
        return ExitCode.OK.code();
    }

    private Map<String, Object> jsonReport(VerificationReport report, SignerKey signer, String keyText) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bundle", bundle.toAbsolutePath().toString());
        m.put("verified", report.ok());
        m.put("decrypted", report.decrypted());
        m.put("signer", Map.of("userId", signer.userId(), "fingerprint", signer.fingerprint()));
        if (keyText != null) {
            m.put("decryptionKey", keyText);
        }
        Manifest mf = report.manifest();
        if (mf != null) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("bundleId", mf.bundleId());
            b.put("formatVersion", mf.formatVersion());
            b.put("createdAt", mf.createdAt().toString());
            b.put("toolVersion", mf.toolVersion());
            b.put("sourceLabel", mf.sourceLabel());
            b.put("parts", mf.parts().size());
            b.put("notes", mf.notes());
            m.put("manifest", b);
        }
        m.put("stores", report.stores());
        m.put("problems", report.problems());
        return m;
    }

    private void printText(PrintWriter out, VerificationReport report, SignerKey signer, String keyText) {
        Manifest mf = report.manifest();
        out.println("Bundle   " + bundle.toAbsolutePath());
        if (mf != null) {
            out.println("         id " + mf.bundleId() + ", created " + mf.createdAt() + " by Ferry " + mf.toolVersion()
                    + (mf.sourceLabel().isEmpty() ? "" : ", source \"" + mf.sourceLabel() + "\""));
        }
        out.println("Signer   " + signer.userId() + " [" + signer.fingerprint() + "] (pinned)");
        out.println("Checked  " + (report.decrypted() ? "fully: every part decrypted with " + keyText + ", inner signatures, indexes, counts"
                : keyText != null ? "signatures only (full check stopped early)" : "sealed only: signatures, part sizes and SHA-256 (no decryption key given)"));
        if (!report.stores().isEmpty()) {
            out.println();
            out.printf(Locale.ROOT, "%-10s %5s %11s %8s %11s  %-6s %s%n", "STORE", "PARTS", "CIPHERTEXT", "ENTRIES", "PLAINTEXT", "STATUS", "COUNTS");
            for (VerificationReport.StoreResult s : report.stores()) {
                String counts = s.counts().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
                out.printf(Locale.ROOT, "%-10s %5d %11s %8d %11s  %-6s %s%n", s.store(), s.parts(), ByteSize.format(s.cipherBytes()), s.entries(),
                        ByteSize.format(s.plaintextBytes()), s.ok() ? "OK" : "FAILED", counts);
            }
        }
        if (mf != null && !mf.notes().isEmpty()) {
            out.println();
            mf.notes().forEach((k, v) -> out.println("Note     " + k + ": " + v));
        }
        out.println();
        if (report.ok()) {
            out.println(report.decrypted() ? "VERIFIED: the bundle is complete, authentic and unmodified."
                    : "VERIFIED (sealed): signatures and every part's SHA-256 match. Run with --decryption-key for the full check.");
        } else {
            out.println("FAILED: " + report.problems().size() + " problem(s):");
            report.problems().forEach(p -> out.println("  - " + p));
        }
    }
}
