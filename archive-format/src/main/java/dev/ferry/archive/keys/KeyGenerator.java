package dev.ferry.archive.keys;

import dev.ferry.archive.pgp.Hex;
import dev.ferry.archive.pgp.Providers;
import dev.ferry.common.ConfigException;
import dev.ferry.common.LocalIoException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Date;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.CompressionAlgorithmTags;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.Features;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.PBESecretKeyEncryptor;
import org.bouncycastle.openpgp.operator.PGPDigestCalculator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPDigestCalculatorProviderBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPKeyPair;
import org.bouncycastle.openpgp.operator.jcajce.JcePBESecretKeyEncryptorBuilder;

/**
 * Generates a v4 OpenPGP key as GnuPG 2.2 makes and reads them: a certifying and signing primary key with an
 * encryption subkey, Ed25519 + Cv25519 (legacy EdDSA/ECDH, the only 25519 forms GnuPG 2.2 knows) or RSA-4096 + RSA-4096.
 * Writes {@code <name>.pub.asc} and {@code <name>.sec.asc} (owner-only) and never overwrites a file.
 */
public final class KeyGenerator {
    /** The key types offered. */
    public enum Algorithm { ED25519, RSA4096 }

    /** What was written: the two files and the primary key's fingerprint. */
    public record Generated(Path publicKey, Path secretKey, String fingerprint, String userId) {
    }

    private KeyGenerator() {
    }

    public static Generated generate(Path directory, String name, String userId, Algorithm algorithm, char[] passphrase) {
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new ConfigException("key name '" + name + "' may hold only letters, digits, '.', '_' and '-'", "choose a plain file name, e.g. ferry-signing");
        }
        Path pub = directory.resolve(name + ".pub.asc");
        Path sec = directory.resolve(name + ".sec.asc");
        for (Path p : new Path[] {pub, sec}) {
            if (Files.exists(p)) {
                throw new ConfigException(p + " already exists", "choose another name for the key, or move the old key away: Ferry never overwrites a key");
            }
        }
        if (!Files.isDirectory(directory)) {
            throw new ConfigException("the directory " + directory + " does not exist", "create it first");
        }
        try {
            SecureRandom random = new SecureRandom();
            Date now = new Date((System.currentTimeMillis() / 1000) * 1000);
            PGPKeyPair primary;
            PGPKeyPair encryption;
            if (algorithm == Algorithm.ED25519) {
                KeyPairGenerator ed = KeyPairGenerator.getInstance("Ed25519", Providers.BC);
                primary = new JcaPGPKeyPair(PublicKeyPacket.VERSION_4, PublicKeyAlgorithmTags.EDDSA_LEGACY, ed.generateKeyPair(), now);
                KeyPairGenerator x = KeyPairGenerator.getInstance("X25519", Providers.BC);
                encryption = new JcaPGPKeyPair(PublicKeyPacket.VERSION_4, PublicKeyAlgorithmTags.ECDH, x.generateKeyPair(), now);
            } else {
                KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
                rsa.initialize(4096, random);
                primary = new JcaPGPKeyPair(PublicKeyPacket.VERSION_4, PublicKeyAlgorithmTags.RSA_GENERAL, rsa.generateKeyPair(), now);
                encryption = new JcaPGPKeyPair(PublicKeyPacket.VERSION_4, PublicKeyAlgorithmTags.RSA_GENERAL, rsa.generateKeyPair(), now);
            }
            PGPSignatureSubpacketGenerator primaryPackets = new PGPSignatureSubpacketGenerator();
            primaryPackets.setKeyFlags(true, KeyFlags.CERTIFY_OTHER | KeyFlags.SIGN_DATA);
            primaryPackets.setPreferredSymmetricAlgorithms(false, new int[] {SymmetricKeyAlgorithmTags.AES_256, SymmetricKeyAlgorithmTags.AES_192,
                SymmetricKeyAlgorithmTags.AES_128});
            primaryPackets.setPreferredHashAlgorithms(false, new int[] {HashAlgorithmTags.SHA512, HashAlgorithmTags.SHA384, HashAlgorithmTags.SHA256});
            primaryPackets.setPreferredCompressionAlgorithms(false, new int[] {CompressionAlgorithmTags.UNCOMPRESSED, CompressionAlgorithmTags.ZLIB});
            primaryPackets.setFeature(false, Features.FEATURE_MODIFICATION_DETECTION);
            primaryPackets.setPrimaryUserID(false, true);
            PGPSignatureSubpacketGenerator subPackets = new PGPSignatureSubpacketGenerator();
            subPackets.setKeyFlags(true, KeyFlags.ENCRYPT_COMMS | KeyFlags.ENCRYPT_STORAGE);

            PGPDigestCalculator sha1 = new JcaPGPDigestCalculatorProviderBuilder().setProvider(Providers.BC).build().get(HashAlgorithmTags.SHA1);
            PGPDigestCalculator sha256 = new JcaPGPDigestCalculatorProviderBuilder().setProvider(Providers.BC).build().get(HashAlgorithmTags.SHA256);
            PBESecretKeyEncryptor protection = passphrase.length == 0 ? null
                    : new JcePBESecretKeyEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256, sha256, 0xc0).setProvider(Providers.BC)
                            .setSecureRandom(random).build(passphrase);
            PGPKeyRingGenerator generator = new PGPKeyRingGenerator(PGPSignature.POSITIVE_CERTIFICATION, primary, userId, sha1,
                    primaryPackets.generate(), null,
                    new JcaPGPContentSignerBuilder(primary.getPublicKey().getAlgorithm(), HashAlgorithmTags.SHA512).setProvider(Providers.BC),
                    protection);
            generator.addSubKey(encryption, subPackets.generate(), null);
            PGPSecretKeyRing secretRing = generator.generateSecretKeyRing();
            write(pub, armor(generator.generatePublicKeyRing()::encode), false);
            write(sec, armor(secretRing::encode), true);
            return new Generated(pub, sec, Hex.fingerprint(secretRing.getPublicKey().getFingerprint()), userId);
        } catch (PGPException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("key generation failed: " + e.getMessage(), e);
        } catch (IOException e) {
            // Both files were absent before (checked above, and created exclusively): remove a half-written pair.
            deleteQuietly(pub);
            deleteQuietly(sec);
            throw LocalIoException.writing("the key files", directory, e, "check that the directory is writable and the disk has space,"
                    + " then run the command again");
        } finally {
            Arrays.fill(passphrase, '\0');
        }
    }

    private interface Encoder {
        void encode(OutputStream out) throws IOException;
    }

    private static byte[] armor(Encoder encoder) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ArmoredOutputStream armored = ArmoredOutputStream.builder().clearHeaders().build(bytes)) {
            encoder.encode(armored);
        }
        return bytes.toByteArray();
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // The write failure is the error to report.
        }
    }

    private static void write(Path file, byte[] content, boolean ownerOnly) throws IOException {
        try {
            if (ownerOnly && file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException e) {
            throw new ConfigException(file + " already exists", "choose another name for the key, or move the old key away: Ferry never overwrites a key");
        }
        Files.write(file, content);
    }

}
