package dev.ferry.importer.cli;

import dev.ferry.archive.keys.DecryptionKey;
import dev.ferry.archive.keys.SignerKey;
import dev.ferry.archive.manifest.Manifest;
import dev.ferry.archive.read.BundleVerifier;
import dev.ferry.archive.read.VerificationReport;
import dev.ferry.cli.ExitCodes;
import dev.ferry.cli.output.OutputOptions;
import dev.ferry.cli.output.TerminalWriter;
import dev.ferry.common.ByteSize;
import dev.ferry.common.ExitCode;
import dev.ferry.common.VerificationException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code ferry-import verify}: the courier's check (signatures, part sizes and hashes) without a decryption key, and the
 * full check (decrypt every part, inner signatures, indexes, counts) with one.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Verify a bundle; nothing is written anywhere.",
            "Without --decryption-key it checks what a courier or a security officer can: the signatures of manifest.json "
            + "and SHA256SUMS against the pinned signer, and every part's size and SHA-256.",
            "With --decryption-key it also decrypts every part and checks its inner signature, every entry against its "
            + "index, and every count against the manifest."})
@ExitCodes({ExitCode.OK, ExitCode.INTERNAL, ExitCode.USAGE, ExitCode.VERIFICATION, ExitCode.INTERRUPTED})
public final class VerifyCommand implements Callable<Integer> {
    @Mixin
    BundleArgument bundleArgument;

    @Mixin
    BundleKeyOptions keys;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        Path bundle = bundleArgument.directory();
        SignerKey signer = keys.signer();
        Optional<DecryptionKey> key = keys.decryptionKeyIfGiven();
        String keyText = key.map(k -> k.userId() + " [" + k.fingerprint() + "]").orElse(null);
        VerificationReport report = key.isPresent() ? BundleVerifier.verifyReport(bundle, signer, key.get())
                : BundleVerifier.verifySealed(bundle, signer);
        output.result(jsonReport(bundle, report, signer, keyText), out -> printText(out, bundle, report, signer, keyText));
        if (!report.ok()) {
            throw new VerificationException(bundle.getFileName() + " failed verification: " + report.problems().get(0)
                    + (report.problems().size() > 1 ? " (and " + (report.problems().size() - 1) + " more)" : ""),
                    "do not import this bundle; copy it again from the original medium (or have it re-exported)"
                    + " and verify again. If the signer or recipient is wrong, check the key files and compare fingerprints out of band.");
        }
        return ExitCode.OK.code();
    }

    private static Map<String, Object> jsonReport(Path bundle, VerificationReport report, SignerKey signer, String keyText) {
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

    private static void printText(TerminalWriter out, Path bundle, VerificationReport report, SignerKey signer, String keyText) {
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
