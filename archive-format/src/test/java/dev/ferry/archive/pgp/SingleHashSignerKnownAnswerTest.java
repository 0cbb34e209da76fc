package dev.ferry.archive.pgp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.archive.TestKeys;
import dev.ferry.archive.keys.OpenPgpSecretKey;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Date;
import java.util.Random;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.PGPContentSigner;
import org.bouncycastle.openpgp.operator.PGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentVerifierBuilderProvider;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPKeyPair;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Known-answer tests of {@link SingleHashSignerBuilder} against BouncyCastle's stock {@link JcaPGPContentSignerBuilder}
 * on the same key and data. Both signature schemes the fast signer implements are deterministic (Ed25519 by
 * design, RSA PKCS#1 v1.5 by its fixed padding; the random only blinds the computation), so the stock signer is the
 * known answer: the digests, the signature values and the encoded signature packets must be equal byte for byte,
 * and the stock verifier must accept the fast signer's signatures.
 */
class SingleHashSignerKnownAnswerTest {
    /** A fixed creation time, so both generators hash identical subpackets. */
    private static final Date CREATED = new Date(1_795_000_000_000L);

    @TempDir
    static Path keysDir;
    static OpenPgpSecretKey ed25519;
    static PGPPrivateKey rsaPrivate;
    static PGPPublicKey rsaPublic;

    @BeforeAll
    static void keys() throws Exception {
        ed25519 = (OpenPgpSecretKey) TestKeys.create(keysDir).signing();
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048, new SecureRandom());
        JcaPGPKeyPair pair = new JcaPGPKeyPair(PublicKeyPacket.VERSION_4, PublicKeyAlgorithmTags.RSA_GENERAL, rsa.generateKeyPair(), CREATED);
        rsaPrivate = pair.getPrivateKey();
        rsaPublic = pair.getPublicKey();
    }

    private static byte[] data() {
        byte[] b = new byte[100_003];
        new Random(3).nextBytes(b);
        return b;
    }

    @Test
    void ed25519SignaturesAreBouncyCastlesByteForByte() throws Exception {
        assertEquals(PublicKeyAlgorithmTags.EDDSA_LEGACY, ed25519.signing().getAlgorithm(), "the key type Ferry generates");
        assertSameSignatures(ed25519.signing(), ed25519.signingPrivate());
    }

    @Test
    void rsaSignaturesAreBouncyCastlesByteForByte() throws Exception {
        assertSameSignatures(rsaPublic, rsaPrivate);
    }

    @Test
    void ed25519DigestsAndSignatureValuesAreBouncyCastles() throws Exception {
        assertSameContentSigner(ed25519.signing(), ed25519.signingPrivate());
    }

    @Test
    void rsaDigestsAndSignatureValuesAreBouncyCastles() throws Exception {
        assertSameContentSigner(rsaPublic, rsaPrivate);
    }

    /** Whole v4 signature packets (and one-pass packets) made through PGPSignatureGenerator, as a part's signature is. */
    private static void assertSameSignatures(PGPPublicKey key, PGPPrivateKey priv) throws Exception {
        byte[] data = data();
        int algorithm = key.getAlgorithm();
        PGPSignatureGenerator fast = generator(new SingleHashSignerBuilder(algorithm, new SecureRandom()), key, priv);
        PGPSignatureGenerator stock = generator(new JcaPGPContentSignerBuilder(algorithm, HashAlgorithmTags.SHA256), key, priv);
        assertArrayEquals(stock.generateOnePassVersion(false).getEncoded(), fast.generateOnePassVersion(false).getEncoded());
        feed(fast, data);
        feed(stock, data);
        PGPSignature fastSignature = fast.generate();
        PGPSignature stockSignature = stock.generate();
        assertArrayEquals(stockSignature.getEncoded(), fastSignature.getEncoded(), "the signature packets differ");

        fastSignature.init(new JcaPGPContentVerifierBuilderProvider(), key);
        fastSignature.update(data);
        assertTrue(fastSignature.verify(), "the stock verifier accepts the fast signer's signature");
    }

    private static PGPSignatureGenerator generator(PGPContentSignerBuilder builder, PGPPublicKey key, PGPPrivateKey priv) throws Exception {
        PGPSignatureGenerator generator = new PGPSignatureGenerator(builder, key);
        generator.init(PGPSignature.BINARY_DOCUMENT, priv);
        PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
        hashed.setSignatureCreationTime(false, CREATED);
        hashed.setIssuerFingerprint(false, key);
        generator.setHashedSubpackets(hashed.generate());
        return generator;
    }

    /** Every way the generator passes data on: single bytes, a whole array, slices across the 16 KiB digest slice. */
    private static void feed(PGPSignatureGenerator generator, byte[] data) {
        for (int i = 0; i < 100; i++) {
            generator.update(data[i]);
        }
        generator.update(data, 100, 3);
        generator.update(data, 103, 0);
        generator.update(data, 103, 40_000);
        generator.update(java.util.Arrays.copyOfRange(data, 40_103, data.length));
    }

    /** The content signers alone: the same bytes written give the same digest and the same signature value. */
    private static void assertSameContentSigner(PGPPublicKey key, PGPPrivateKey priv) throws Exception {
        byte[] data = data();
        int algorithm = key.getAlgorithm();
        PGPContentSigner fast = new SingleHashSignerBuilder(algorithm, new SecureRandom()).build(PGPSignature.BINARY_DOCUMENT, priv);
        PGPContentSigner stock = new JcaPGPContentSignerBuilder(algorithm, HashAlgorithmTags.SHA256).build(PGPSignature.BINARY_DOCUMENT, priv);
        write(fast.getOutputStream(), data);
        write(stock.getOutputStream(), data);
        assertArrayEquals(java.security.MessageDigest.getInstance("SHA-256").digest(data), fast.getDigest(), "SHA-256 of what was written");
        assertArrayEquals(stock.getDigest(), fast.getDigest());
        assertArrayEquals(stock.getSignature(), fast.getSignature());
        assertEquals(stock.getHashAlgorithm(), fast.getHashAlgorithm());
        assertEquals(stock.getKeyAlgorithm(), fast.getKeyAlgorithm());
        assertEquals(stock.getKeyID(), fast.getKeyID());
        assertEquals(stock.getType(), fast.getType());
    }

    private static void write(OutputStream out, byte[] data) throws IOException {
        out.write(data[0]);
        out.write(data, 1, 20_000);
        out.write(data, 20_001, data.length - 20_001);
    }
}
