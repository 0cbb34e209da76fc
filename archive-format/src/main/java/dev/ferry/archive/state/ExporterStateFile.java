package dev.ferry.archive.state;

import dev.ferry.archive.format.FormatRules;
import dev.ferry.archive.format.Json;
import dev.ferry.archive.keys.OpenPgpPublicKey;
import dev.ferry.archive.keys.OpenPgpSecretKey;
import dev.ferry.archive.keys.SigningKey;
import dev.ferry.archive.manifest.Manifest;
import dev.ferry.archive.pgp.BadPartException;
import dev.ferry.archive.pgp.CountingDigestOutputStream;
import dev.ferry.archive.pgp.DetachedSignatures;
import dev.ferry.archive.pgp.Hex;
import dev.ferry.archive.pgp.PartDecryptor;
import dev.ferry.archive.pgp.PartEncryptor;
import dev.ferry.common.CauseDetail;
import dev.ferry.common.ConfigException;
import dev.ferry.common.VerificationException;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

/**
 * The exporter's private state in a bundle directory ({@link FormatRules#EXPORTER_STATE}): one OpenPGP message in the
 * parts' profile (SEIPD v1 with MDC, AES-256, one-pass signed, binary literal data, no compression), encrypted to
 * the signer's OWN encryption subkey and never to a recipient. Only the exporter can read it; SHA256SUMS lists it, so
 * the stock {@code gpg} + {@code sha256sum -c} check still covers every file of the bundle. Its content is the
 * exporter's business (docs/bundle-contents.md); the format only says how it is sealed and found.
 */
public final class ExporterStateFile {
    private static final String LITERAL_NAME = "exporter-state";
    private static final long MAX_CLEARTEXT = 64L << 20;

    private ExporterStateFile() {
    }

    /** Reads a state body, which is not authenticated until {@link #read} returns: keep what it reads aside until then. */
    public interface BodyReader {
        void read(InputStream body) throws IOException;
    }

    /** Whether this signing key can seal the state to itself: it has an encryption subkey with its secret part. */
    public static boolean canSeal(SigningKey signingKey) {
        OpenPgpSecretKey signer = (OpenPgpSecretKey) signingKey;
        return !signer.decryption().isEmpty() && !signer.certificate().encryptionKeys().isEmpty();
    }

    /**
     * Starts the state file at {@code file} (which must not exist); the returned stream takes the plaintext, and its
     * close writes the signature and MDC. Nothing is ever written in clear.
     */
    public static OutputStream create(Path file, SigningKey signingKey, SecureRandom random, Date modified) throws IOException {
        OpenPgpSecretKey signer = (OpenPgpSecretKey) signingKey;
        OpenPgpPublicKey own = signer.certificate();
        if (!canSeal(signer)) {
            throw new ConfigException("the signing key " + signer + " has no encryption subkey with its secret part, so the exporter"
                    + " cannot seal its state (" + FormatRules.EXPORTER_STATE + ") to itself",
                    "add one (gpg --quick-add-key " + signer.fingerprint() + " cv25519 encr, then export the secret key again), or"
                    + " generate the signing key with 'ferry-export keys generate', which makes an Ed25519 key with a Cv25519 subkey");
        }
        OutputStream fileOut = new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE_NEW), 1 << 16);
        PartEncryptor encryptor;
        try {
            encryptor = new PartEncryptor(fileOut, java.util.List.of(own), signer, LITERAL_NAME, modified, random);
        } catch (IOException | RuntimeException e) {
            fileOut.close();
            throw e;
        }
        return new FilterOutputStream(encryptor.body()) {
            private boolean closed;

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void flush() {
                // The encryptor's packets are flushed when the stream ends.
            }

            @Override
            public void close() throws IOException {
                if (closed) {
                    return;
                }
                closed = true;
                try (fileOut) {
                    encryptor.close();
                }
            }
        };
    }

    /** What the base directory's signed manifest says of the bundle whose state was read. */
    public record Base(String bundleId, int formatVersion, Manifest manifest) {
    }

    /**
     * Reads the state of a previous pass's bundle directory with the exporter's own signing key: checks that
     * manifest.json and SHA256SUMS were signed by this key, that SHA256SUMS lists manifest.json and the state with their
     * actual SHA-256, then decrypts the state and checks its inner signature and MDC after {@code reader} has read it.
     * The parts need not be present: the operator may have moved them to the carrier already.
     *
     * @throws ConfigException       when the directory is not a bundle or holds no state (an older Ferry made it)
     * @throws VerificationException when a signature, a hash or the state's encryption does not check out
     */
    public static Base read(Path bundleDir, SigningKey signingKey, BodyReader reader) {
        OpenPgpSecretKey key = (OpenPgpSecretKey) signingKey;
        OpenPgpPublicKey own = key.certificate();
        String where = bundleDir.getFileName() == null ? bundleDir.toString() : bundleDir.getFileName().toString();
        if (!Files.isDirectory(bundleDir) || !Files.isRegularFile(bundleDir.resolve(FormatRules.MANIFEST), LinkOption.NOFOLLOW_LINKS)) {
            throw new ConfigException(bundleDir + " is not a bundle directory (it holds no " + FormatRules.MANIFEST + ")",
                    "give --since the directory of the previous pass, e.g. out/kea-20261124T163000Z.ferry");
        }
        byte[] manifestBytes = signed(bundleDir, FormatRules.MANIFEST, own, where);
        byte[] sumsBytes = signed(bundleDir, FormatRules.SUMS, own, where);
        Manifest manifest;
        try {
            manifest = Json.MAPPER.readValue(manifestBytes, Manifest.class);
        } catch (IOException e) {
            throw tampered(where + "/" + FormatRules.MANIFEST + ": is not a valid manifest");
        }
        if (!FormatRules.readableManifestVersion(manifest.formatVersion()) || !FormatRules.validBundleId(manifest.bundleId())) {
            throw new ConfigException(where + "/" + FormatRules.MANIFEST + ": format version " + manifest.formatVersion()
                    + " is not one this Ferry reads", "use the Ferry version that made the previous pass, or make a full pass");
        }
        Map<String, String> sums = sums(sumsBytes);
        if (!Hex.lower(CountingDigestOutputStream.sha256().digest(manifestBytes)).equals(sums.get(FormatRules.MANIFEST))) {
            throw tampered(where + "/" + FormatRules.MANIFEST + ": its SHA-256 is not the one " + FormatRules.SUMS + " lists");
        }
        Path state = bundleDir.resolve(FormatRules.EXPORTER_STATE);
        String listed = sums.get(FormatRules.EXPORTER_STATE);
        if (listed == null || !Files.isRegularFile(state, LinkOption.NOFOLLOW_LINKS)) {
            throw new ConfigException(where + " (bundle " + manifest.bundleId() + ") holds no exporter state ("
                    + FormatRules.EXPORTER_STATE + (listed == null ? ", and " + FormatRules.SUMS + " lists none" : " is missing")
                    + "): it was made by an older Ferry or without the objects store, so the objects it carried are unknown",
                    "make a full pass with this Ferry (ferry-export run, without --since) and carry that; the next pass can then use it as --since");
        }
        try (PartDecryptor in = new PartDecryptor(state, key, own)) {
            try {
                reader.read(in.literal());
            } catch (RuntimeException e) {
                throw new IOException("its content is malformed" + CauseDetail.parenthesised(e), e);
            }
            in.finish();
            if (!in.cipherSha256().equals(listed)) {
                throw tampered(where + "/" + FormatRules.EXPORTER_STATE + ": its SHA-256 is not the one " + FormatRules.SUMS + " lists");
            }
        } catch (BadPartException e) {
            String why = e.getMessage();
            if (why != null && why.contains("not for the decryption key")) {
                throw new VerificationException(where + "/" + FormatRules.EXPORTER_STATE + ": " + why,
                        "give the --signing-key that made the previous pass: the state is sealed to that key alone");
            }
            throw tampered(where + "/" + FormatRules.EXPORTER_STATE + ": " + why);
        } catch (IOException e) {
            throw tampered(where + "/" + FormatRules.EXPORTER_STATE + ": cannot be read" + CauseDetail.parenthesised(e));
        }
        return new Base(manifest.bundleId(), manifest.formatVersion(), manifest);
    }

    private static byte[] signed(Path dir, String name, OpenPgpPublicKey own, String where) {
        Path file = dir.resolve(name);
        Path sig = dir.resolve(name + FormatRules.SIGNATURE_SUFFIX);
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || !Files.isRegularFile(sig, LinkOption.NOFOLLOW_LINKS)) {
                throw tampered(where + "/" + name + " or its signature is missing");
            }
            if (Files.size(file) > MAX_CLEARTEXT) {
                throw tampered(where + "/" + name + ": is implausibly large");
            }
            byte[] bytes = Files.readAllBytes(file);
            String why = DetachedSignatures.verify(own, bytes, sig);
            if (why != null) {
                throw new VerificationException(where + "/" + name + ": its signature does not verify against the signing key "
                        + own.fingerprint() + ": " + why, "give --since a bundle made with this same --signing-key (the previous pass"
                        + " of this migration); a bundle signed by another key cannot be a base");
            }
            return bytes;
        } catch (IOException e) {
            throw tampered(where + "/" + name + ": cannot be read" + CauseDetail.parenthesised(e));
        }
    }

    private static Map<String, String> sums(byte[] sumsBytes) {
        Map<String, String> sums = new HashMap<>();
        for (String line : new String(sumsBytes, StandardCharsets.UTF_8).split("\n")) {
            int space = line.indexOf("  ");
            if (space == 64) {
                sums.put(line.substring(66), line.substring(0, 64));
            }
        }
        return sums;
    }

    private static VerificationException tampered(String problem) {
        return new VerificationException(problem, "the previous pass's bundle directory was altered or damaged: use an intact copy"
                + " of it as --since, or make a full pass");
    }
}
