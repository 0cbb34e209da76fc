package dev.ferry.archive.vectors;

import dev.ferry.archive.TestKeys;
import dev.ferry.archive.format.FormatRules;
import dev.ferry.archive.format.IndexRecord;
import dev.ferry.archive.format.Json;
import dev.ferry.archive.keys.OpenPgpPublicKey;
import dev.ferry.archive.manifest.Manifest;
import dev.ferry.archive.pgp.Hex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPPublicKey;

/**
 * The listing of the test vectors in docs/archive-format.md, between two marker lines: keys, files, entries, the
 * manifest, SHA256SUMS, every index in full, and the stock-tool commands with their exact output. It is rendered
 * from the committed files alone, so the test can check that the spec shows the vectors as they are.
 */
final class VectorsDoc {
    static final String BEGIN = "<!-- BEGIN test vectors: generated from the files by RegenerateV1Vectors; do not edit by hand -->";
    static final String END = "<!-- END test vectors -->";

    /**
     * The check with stock tools, run from a copy of vectors/v1 in an empty GNUPGHOME. Its standard output is the
     * sha256sum verdicts, then one line per entry: the SHA-256 of its chunks joined in order, and where they were.
     */
    static final String SCRIPT = """
            set -euo pipefail
            gpg --import signer.pub.asc recipient.sec.asc
            cd kea-vectors.ferry
            gpg --verify manifest.json.sig manifest.json
            gpg --verify SHA256SUMS.sig SHA256SUMS
            sha256sum -c SHA256SUMS
            for part in *.tar.zst.gpg; do                 # each part into ../clear/<store>/
              mkdir -p "../clear/${part%%-*}"
              gpg --decrypt "$part" | zstd -d | tar -x -C "../clear/${part%%-*}"
            done
            cd ../clear
            shopt -s nullglob                             # each entry: its first chunk, then chunks ~000001, ~000002, ...
            find . -path './*/data/*' -type f ! -name '*~??????' | LC_ALL=C sort | while read -r first; do
              echo "$(cat "$first" "$first"~?????? | sha256sum | cut -c1-64)  ${first#./}"
            done
            """;

    private VectorsDoc() {
    }

    /** The generated block, markers included, for the vectors in {@code directory}. */
    static String render(Path directory) throws IOException {
        TestKeys keys = V1Vectors.keys(directory);
        Path bundle = V1Vectors.bundle(directory);
        Manifest manifest = PartIndexes.manifest(bundle);
        List<PartIndexes.Part> parts = PartIndexes.read(bundle, keys);
        StringBuilder md = new StringBuilder(BEGIN).append("\n\n");
        keys(md, keys);
        files(md, directory);
        entries(md, manifest, parts);
        md.append("#### `manifest.json`\n\n```json\n").append(text(bundle.resolve(FormatRules.MANIFEST))).append("\n```\n\n");
        md.append("#### `SHA256SUMS`\n\n```text\n").append(text(bundle.resolve(FormatRules.SUMS))).append("```\n\n");
        for (PartIndexes.Part part : parts) {
            md.append("#### `index.json` of part ").append(part.info().sequence()).append(", `").append(part.info().file()).append("`\n\n```json\n")
                    .append(CompactJson.format(Json.MAPPER.readTree(part.indexBytes()))).append("\n```\n\n");
        }
        check(md, text(bundle.resolve(FormatRules.SUMS)), parts);
        return md.append(END).append('\n').toString();
    }

    private static void keys(StringBuilder md, TestKeys keys) {
        OpenPgpPublicKey signer = (OpenPgpPublicKey) keys.signer();
        OpenPgpPublicKey recipient = (OpenPgpPublicKey) keys.recipient();
        PGPPublicKey signing = signer.signingKeys().get(0);
        PGPPublicKey encryption = recipient.encryptionKeys().get(recipient.encryptionKeys().size() - 1);
        md.append("#### Keys\n\n| files | user id | primary key fingerprint | used here |\n|---|---|---|---|\n");
        md.append("| `signer.pub.asc`, `signer.sec.asc` | `").append(signer.userId()).append("` | `").append(signer.fingerprint()).append("` | ")
                .append(algorithm(signing)).append(" key `").append(Hex.keyId(signing.getKeyID())).append("` signs |\n");
        md.append("| `recipient.pub.asc`, `recipient.sec.asc` | `").append(recipient.userId()).append("` | `").append(recipient.fingerprint())
                .append("` | ").append(algorithm(encryption)).append(" subkey `").append(Hex.keyId(encryption.getKeyID())).append("` decrypts |\n\n");
    }

    private static String algorithm(PGPPublicKey key) {
        return switch (key.getAlgorithm()) {
            case PublicKeyAlgorithmTags.EDDSA_LEGACY -> "Ed25519";
            case PublicKeyAlgorithmTags.ECDH -> "Cv25519";
            case PublicKeyAlgorithmTags.RSA_GENERAL -> "RSA";
            default -> "algorithm " + key.getAlgorithm();
        };
    }

    private static void files(StringBuilder md, Path directory) throws IOException {
        md.append("#### Files\n\n```text\n");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(directory)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path f : files) {
            md.append(String.format("%8d  %s%n", Files.size(f), directory.relativize(f).toString().replace('\\', '/')));
        }
        md.append("```\n\n");
    }

    /** One row per entry: where its chunks are and its SHA-256, gathered from the indexes. */
    private static void entries(StringBuilder md, Manifest manifest, List<PartIndexes.Part> parts) {
        record Row(String store, int lane, String path, List<Integer> parts, int chunks, IndexRecord complete) {
        }
        // Parts in sequence order visit each lane's parts in lane order, so an entry's records are met in order.
        Map<String, Row> rows = new LinkedHashMap<>();
        for (PartIndexes.Part part : parts) {
            for (IndexRecord r : part.index().entries()) {
                String key = part.index().store() + "/" + r.path();
                Row before = rows.get(key);
                List<Integer> in = new ArrayList<>(before == null ? List.of() : before.parts());
                in.add(part.info().sequence());
                rows.put(key, new Row(part.index().store(), part.index().lane(), r.path(), in,
                        (before == null ? 0 : before.chunks()) + r.chunks().size(), r.complete() ? r : null));
            }
        }
        List<String> stores = List.copyOf(manifest.stores().keySet());
        List<Row> sorted = new ArrayList<>(rows.values());
        sorted.sort(Comparator.comparingInt((Row r) -> stores.indexOf(r.store())).thenComparingInt(Row::lane));
        md.append("#### Entries\n\n| store | lane | path | bytes | chunks | in part | SHA-256 |\n|---|---|---|---|---|---|---|\n");
        for (Row row : sorted) {
            md.append("| ").append(row.store()).append(" | ").append(row.lane()).append(" | `").append(row.path()).append("` | ")
                    .append(row.complete().size()).append(" | ").append(row.chunks()).append(" | ")
                    .append(row.parts().stream().map(String::valueOf).collect(Collectors.joining(", "))).append(" | `")
                    .append(row.complete().sha256()).append("` |\n");
        }
        md.append('\n');
    }

    private static void check(StringBuilder md, String sums, List<PartIndexes.Part> parts) {
        md.append("#### Checking with stock tools\n\n")
                .append("With GnuPG 2.2, zstd, GNU tar and coreutils, in an empty GnuPG home (`export GNUPGHOME=$(mktemp -d)`), from a copy of\n")
                .append("`vectors/v1` (the commands extract into `clear/` beside the bundle):\n\n```sh\n").append(SCRIPT).append("```\n\n")
                .append("gpg reports a good signature by the signer's key for both signature files and for each of the ").append(parts.size())
                .append(" parts,\nand the standard output is exactly:\n\n```text\n").append(expectedOutput(sums, parts)).append("```\n\n")
                .append("Each entry's line is the SHA-256 of its chunks joined in order: the `sha256` of its complete index record.\n\n");
    }

    /** What {@link #SCRIPT} prints: the verdict on each line of SHA256SUMS, then every entry's hash, in byte order of its path. */
    static String expectedOutput(String sums, List<PartIndexes.Part> parts) {
        StringBuilder out = new StringBuilder();
        for (String line : sums.split("\n")) {
            out.append(line.substring(line.indexOf("  ") + 2)).append(": OK\n");
        }
        Map<String, String> entries = new TreeMap<>((a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
        for (PartIndexes.Part part : parts) {
            for (IndexRecord r : part.index().entries()) {
                if (r.complete()) {
                    entries.put(part.index().store() + "/" + FormatRules.DATA_PREFIX + r.path(), r.sha256());
                }
            }
        }
        entries.forEach((path, sha256) -> out.append(sha256).append("  ").append(path).append('\n'));
        return out.toString();
    }

    /** The generated block as the spec holds it now, markers included. */
    static String current(Path spec) throws IOException {
        String text = Files.readString(spec, StandardCharsets.UTF_8);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new AssertionError(spec + " has no test-vector listing between the markers");
        }
        return text.substring(begin, end + END.length() + 1);
    }

    /** Replaces the generated block in the spec. */
    static void update(Path spec, String block) throws IOException {
        String text = Files.readString(spec, StandardCharsets.UTF_8);
        String old = current(spec);
        Files.writeString(spec, text.replace(old, block), StandardCharsets.UTF_8);
    }

    private static String text(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
