package dev.ferry.archive.read;

import dev.ferry.archive.format.FormatRules;
import dev.ferry.archive.format.Json;
import dev.ferry.archive.keys.OpenPgpPublicKey;
import dev.ferry.archive.manifest.Manifest;
import dev.ferry.archive.manifest.PartInfo;
import dev.ferry.archive.pgp.CountingDigestOutputStream;
import dev.ferry.archive.pgp.DetachedSignatures;
import dev.ferry.archive.pgp.Hex;
import dev.ferry.archive.pgp.PartFraming;
import dev.ferry.common.CauseDetail;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The courier's check, with no decryption key: the detached signatures of manifest.json and SHA256SUMS against the
 * pinned signer, that both agree, and (optionally) every part's size and SHA-256.
 */
final class OuterCheck {
    private static final Pattern SUM_LINE = Pattern.compile("([0-9a-f]{64}) [ *](.+)");
    private static final long MAX_CLEARTEXT = 64L << 20;

    /** @param manifest null when it could not be trusted */
    record Result(Manifest manifest, List<String> problems) {
    }

    private OuterCheck() {
    }

    static Result run(Path dir, OpenPgpPublicKey signer, boolean hashParts) {
        List<String> problems = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            problems.add(dir + ": is not a bundle directory");
            return new Result(null, problems);
        }
        byte[] manifestBytes = readSigned(dir, FormatRules.MANIFEST, signer, problems);
        byte[] sumsBytes = readSigned(dir, FormatRules.SUMS, signer, problems);
        if (manifestBytes == null) {
            return new Result(null, problems);
        }
        Manifest manifest;
        try {
            manifest = Json.MAPPER.readValue(manifestBytes, Manifest.class);
        } catch (IOException e) {
            problems.add(FormatRules.MANIFEST + ": is not a valid manifest" + CauseDetail.parenthesised(e));
            return new Result(null, problems);
        }
        String structure = structureProblem(manifest);
        if (structure != null) {
            problems.add(FormatRules.MANIFEST + ": " + structure);
            return new Result(null, problems);
        }
        if (sumsBytes != null) {
            checkSums(manifest, manifestBytes, sumsBytes, problems);
        }
        for (PartInfo part : manifest.parts()) {
            Path file = dir.resolve(part.file());
            String kind = FileKind.notRegular(file);
            if (kind != null) {
                problems.add(part.file() + ": the part " + kind);
                continue;
            }
            try {
                long size = Files.size(file);
                if (size != part.size()) {
                    String framing = PartFraming.sizeProblem(file, part.size());
                    problems.add(part.file() + ": " + (framing != null ? framing : "it is " + size + " bytes, but the manifest says " + part.size()
                            + (size < part.size() ? ": truncated, or replaced by another part" : ": altered, or replaced by another part")));
                    continue;
                }
                if (hashParts && !sha256(file).equals(part.sha256())) {
                    problems.add(part.file() + ": its SHA-256 differs from the manifest's (altered, or swapped with another part or bundle)");
                }
            } catch (IOException e) {
                problems.add(part.file() + ": cannot be read" + CauseDetail.parenthesised(e));
            }
        }
        Set<String> listed = new HashSet<>();
        manifest.parts().forEach(p -> listed.add(p.file()));
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.gpg")) {
            for (Path f : files) {
                if (!listed.contains(f.getFileName().toString())) {
                    problems.add(f.getFileName() + ": a part file that the manifest does not list");
                }
            }
        } catch (IOException e) {
            problems.add(dir + ": cannot be listed" + CauseDetail.parenthesised(e));
        }
        return new Result(manifest, problems);
    }

    private static byte[] readSigned(Path dir, String name, OpenPgpPublicKey signer, List<String> problems) {
        Path file = dir.resolve(name);
        Path sig = dir.resolve(name + FormatRules.SIGNATURE_SUFFIX);
        String kind = FileKind.notRegular(file);
        if (kind != null) {
            problems.add(name + ": " + kind);
            return null;
        }
        String sigKind = FileKind.notRegular(sig);
        if (sigKind != null) {
            problems.add(name + FormatRules.SIGNATURE_SUFFIX + ": " + sigKind + ", so " + name + " cannot be authenticated");
            return null;
        }
        try {
            if (Files.size(file) > MAX_CLEARTEXT) {
                problems.add(name + ": is implausibly large (" + Files.size(file) + " bytes)");
                return null;
            }
            byte[] bytes = Files.readAllBytes(file);
            String why = DetachedSignatures.verify(signer, bytes, sig);
            if (why != null) {
                problems.add(name + ": its signature " + name + FormatRules.SIGNATURE_SUFFIX + " does not verify: " + why);
                return null;
            }
            return bytes;
        } catch (IOException e) {
            problems.add(name + ": cannot be read" + CauseDetail.parenthesised(e));
            return null;
        }
    }

    private static String structureProblem(Manifest m) {
        if (!FormatRules.readableManifestVersion(m.formatVersion())) {
            return "it is of format version " + m.formatVersion() + "; this Ferry reads versions " + FormatRules.FORMAT_VERSION
                    + " (full) and " + FormatRules.DELTA_FORMAT_VERSION + " (delta)";
        }
        if (m.bundleId() == null || !m.bundleId().matches("[0-9a-f]{32}") || m.parts() == null || m.stores() == null) {
            return "it lacks the bundle id, the parts or the stores";
        }
        boolean delta = m.formatVersion() == FormatRules.DELTA_FORMAT_VERSION;
        if (delta && (!FormatRules.validBundleId(m.base()) || m.base().equals(m.bundleId()))) {
            return "it is a delta (format version 2) without a valid base bundle id";
        }
        if (!delta && m.base() != null) {
            return "it names a base bundle but is of format version 1, which has none";
        }
        Set<Integer> sequences = new HashSet<>();
        Set<String> files = new HashSet<>();
        for (PartInfo p : m.parts()) {
            FormatRules.PartName name = p.file() == null ? null : FormatRules.parsePartFileName(p.file());
            if (name == null || !name.store().equals(p.store()) || p.sha256() == null || !p.sha256().matches("[0-9a-f]{64}")) {
                return "part entry " + p + " is malformed";
            }
            if (!m.stores().containsKey(p.store())) {
                return "part " + p.file() + " belongs to store " + p.store() + ", which the manifest does not list";
            }
            if (!sequences.add(p.sequence()) || !files.add(p.file())) {
                return "part " + p.file() + " is listed twice";
            }
        }
        for (int i = 1; i <= m.parts().size(); i++) {
            if (!sequences.contains(i)) {
                return "part sequence number " + i + " is missing";
            }
        }
        return null;
    }

    private static void checkSums(Manifest manifest, byte[] manifestBytes, byte[] sumsBytes, List<String> problems) {
        Map<String, String> sums = new LinkedHashMap<>();
        for (String line : new String(sumsBytes, StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            Matcher m = SUM_LINE.matcher(line);
            if (!m.matches() || sums.put(m.group(2), m.group(1)) != null) {
                problems.add(FormatRules.SUMS + ": malformed or repeated line '" + line + "'");
                return;
            }
        }
        String manifestSum = sums.remove(FormatRules.MANIFEST);
        // The exporter's private state: listed so sha256sum -c covers it, but no part of what a reader verifies or loads.
        sums.remove(FormatRules.EXPORTER_STATE);
        String actual = Hex.lower(CountingDigestOutputStream.sha256().digest(manifestBytes));
        if (!actual.equals(manifestSum)) {
            problems.add(FormatRules.MANIFEST + ": its SHA-256 is not the one " + FormatRules.SUMS
                    + " lists: the manifest belongs to another bundle or was replaced");
        }
        Map<String, String> expected = new HashMap<>();
        manifest.parts().forEach(p -> expected.put(p.file(), p.sha256()));
        for (Map.Entry<String, String> e : expected.entrySet()) {
            String listed = sums.remove(e.getKey());
            if (listed == null) {
                problems.add(FormatRules.SUMS + ": does not list part " + e.getKey() + " of the manifest");
            } else if (!listed.equals(e.getValue())) {
                problems.add(e.getKey() + ": " + FormatRules.SUMS + " and the manifest give different SHA-256 values:"
                        + " the files come from different bundles");
            }
        }
        for (String extra : sums.keySet()) {
            problems.add(FormatRules.SUMS + ": lists " + extra + ", which the manifest does not");
        }
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest = CountingDigestOutputStream.sha256();
        byte[] buffer = new byte[1 << 18];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        }
        return Hex.lower(digest.digest());
    }
}
