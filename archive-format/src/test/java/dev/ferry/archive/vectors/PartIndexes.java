package dev.ferry.archive.vectors;

import com.github.luben.zstd.ZstdInputStream;
import dev.ferry.archive.TestKeys;
import dev.ferry.archive.format.FormatRules;
import dev.ferry.archive.format.Json;
import dev.ferry.archive.format.PartIndex;
import dev.ferry.archive.keys.OpenPgpPublicKey;
import dev.ferry.archive.keys.OpenPgpSecretKey;
import dev.ferry.archive.manifest.Manifest;
import dev.ferry.archive.manifest.PartInfo;
import dev.ferry.archive.pgp.PartDecryptor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** Every part's index.json, as its exact bytes and parsed, in the manifest's part order. */
final class PartIndexes {
    /** One part: its manifest entry and its index. */
    record Part(PartInfo info, byte[] indexBytes, PartIndex index) {
    }

    private PartIndexes() {
    }

    static Manifest manifest(Path bundle) throws IOException {
        return Json.MAPPER.readValue(bundle.resolve(FormatRules.MANIFEST).toFile(), Manifest.class);
    }

    /** Decrypts each part (signature and MDC checked) and unpacks its literal data with stock zstd and tar streams. */
    static List<Part> read(Path bundle, TestKeys keys) throws IOException {
        List<Part> parts = new ArrayList<>();
        for (PartInfo info : manifest(bundle).parts()) {
            byte[] literal;
            try (PartDecryptor part = new PartDecryptor(bundle.resolve(info.file()), (OpenPgpSecretKey) keys.decryption(),
                    (OpenPgpPublicKey) keys.signer())) {
                literal = part.literal().readAllBytes(); // a vector part is at most 64 KiB
                part.finish();
            } catch (dev.ferry.archive.pgp.BadPartException e) {
                throw new AssertionError(info.file() + ": " + e.getMessage(), e);
            }
            byte[] index = index(literal);
            parts.add(new Part(info, index, Json.MAPPER.readValue(index, PartIndex.class)));
        }
        return parts;
    }

    private static byte[] index(byte[] literal) throws IOException {
        try (InputStream zstd = new ZstdInputStream(new ByteArrayInputStream(literal));
                TarArchiveInputStream tar = new TarArchiveInputStream(zstd, StandardCharsets.UTF_8.name())) {
            for (TarArchiveEntry member; (member = tar.getNextEntry()) != null;) {
                if (member.getName().equals(FormatRules.INDEX_MEMBER)) {
                    return tar.readAllBytes();
                }
            }
        }
        throw new AssertionError("a part without " + FormatRules.INDEX_MEMBER);
    }
}
