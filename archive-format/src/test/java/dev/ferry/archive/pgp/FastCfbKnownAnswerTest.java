package dev.ferry.archive.pgp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.archive.TestKeys;
import dev.ferry.archive.keys.OpenPgpPublicKey;
import dev.ferry.archive.keys.OpenPgpSecretKey;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPEncryptedDataList;
import org.bouncycastle.openpgp.PGPPublicKeyEncryptedData;
import org.bouncycastle.openpgp.jcajce.JcaPGPObjectFactory;
import org.bouncycastle.openpgp.operator.PGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.PublicKeyDataDecryptorFactory;
import org.bouncycastle.openpgp.operator.bc.BcPGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyDataDecryptorFactory;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyKeyEncryptionMethodGenerator;
import org.bouncycastle.openpgp.operator.jcajce.JcePGPDataEncryptorBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Known-answer tests of the fast SEIPD v1 cipher paths ({@link FastCfbEncryptorBuilder}, {@link FastCfbDecryptorFactory}):
 * the NIST AES-256 CFB128 vector, then byte-for-byte agreement with BouncyCastle's stock encryptors and decryptor on
 * a fixed session key, for every way a caller may write or read (single bytes, partial blocks, batch edges), and
 * whole OpenPGP messages identical to the ones BouncyCastle makes from the same random bytes. gpg round trips show
 * that the fast paths interoperate; these show that they compute exactly the standard function, so a change to
 * them or to the library cannot drift unnoticed.
 */
class FastCfbKnownAnswerTest {
    private static final HexFormat HEX = HexFormat.of();
    /** NIST SP 800-38A, F.3.17 CFB128-AES256.Encrypt. */
    private static final byte[] NIST_KEY = HEX.parseHex("603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4");
    private static final byte[] NIST_IV = HEX.parseHex("000102030405060708090a0b0c0d0e0f");
    private static final byte[] NIST_PLAIN = HEX.parseHex("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"
            + "30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710");
    private static final byte[] NIST_CIPHER = HEX.parseHex("dc7e84bfda79164b7ecd8486985d386039ffed143b28b1c832113c6331e5407b"
            + "df10132415e54b92a13ed0a8267ae2f975a385741ab9cef82031623d55b1e471");

    /** A fixed session key (not NIST's, so the two checks do not share an input). */
    private static final byte[] SESSION_KEY = HEX.parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    /** The batch sizes inside the fast streams (4 KiB encrypting, 8 KiB decrypting): lengths around them matter. */
    private static final int[] LENGTHS = {0, 1, 15, 16, 17, 4095, 4096, 4097, 8191, 8192, 8193, 3 * 8192 + 5, 100_003};

    @TempDir
    Path tmp;

    /**
     * OpenPGP's CFB starts from a zero IV. Prefixing the plaintext with one block X = IV ⊕ AES(0) makes the first
     * ciphertext block equal the NIST IV, so the blocks after it must be NIST's ciphertext.
     */
    @Test
    void nistCfb128Aes256VectorEncryptsAndDecrypts() throws Exception {
        Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding");
        ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(NIST_KEY, "AES"));
        byte[] zeroKeystream = ecb.doFinal(new byte[16]);
        byte[] prefixed = new byte[16 + NIST_PLAIN.length];
        for (int i = 0; i < 16; i++) {
            prefixed[i] = (byte) (NIST_IV[i] ^ zeroKeystream[i]);
        }
        System.arraycopy(NIST_PLAIN, 0, prefixed, 16, NIST_PLAIN.length);
        byte[] expected = concat(NIST_IV, NIST_CIPHER);

        assertArrayEquals(expected, encrypt(fastEncryptor(), NIST_KEY, prefixed, Pattern.WHOLE));
        assertArrayEquals(prefixed, fastDecrypt(NIST_KEY, expected, 64, ReadPattern.WHOLE));
    }

    @Test
    void fastEncryptionIsBouncyCastlesCiphertextForEveryLengthAndWritePattern() throws Exception {
        for (int length : LENGTHS) {
            byte[] plain = bytes(length, length);
            byte[] bcLightweight = encrypt(new BcPGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256).setWithIntegrityPacket(true),
                    SESSION_KEY, plain, Pattern.WHOLE);
            byte[] bcJce = encrypt(new JcePGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256).setWithIntegrityPacket(true),
                    SESSION_KEY, plain, Pattern.WHOLE);
            assertArrayEquals(bcLightweight, bcJce, "the two stock encryptors agree (length " + length + ")");
            for (Pattern pattern : Pattern.values()) {
                assertArrayEquals(bcLightweight, encrypt(fastEncryptor(), SESSION_KEY, plain, pattern),
                        "fast CFB differs from BouncyCastle's for " + length + " bytes written " + pattern);
            }
        }
    }

    @Test
    void fastDecryptionIsBouncyCastlesPlaintextForEveryLengthAndReadPattern() throws Exception {
        for (int length : LENGTHS) {
            byte[] plain = bytes(length, length + 1);
            byte[] cipher = encrypt(new BcPGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256).setWithIntegrityPacket(true),
                    SESSION_KEY, plain, Pattern.WHOLE);
            InputStream stock = new BcPublicKeyDataDecryptorFactory(null).createDataDecryptor(true, SymmetricKeyAlgorithmTags.AES_256, SESSION_KEY)
                    .getInputStream(new ByteArrayInputStream(cipher));
            assertArrayEquals(plain, stock.readAllBytes(), "BouncyCastle's own decryptor (length " + length + ")");
            for (int delivered : new int[] {1, 7, 16, 1000, 8192, Integer.MAX_VALUE}) {
                for (ReadPattern pattern : ReadPattern.values()) {
                    assertArrayEquals(plain, fastDecrypt(SESSION_KEY, cipher, delivered, pattern),
                            "fast CFB decryption of " + length + " bytes delivered " + delivered + " at a time, read " + pattern);
                }
            }
        }
    }

    /**
     * Whole messages: the same PKESK, the same random prefix and the same session key (from identical fixed random
     * sequences) must give the same packets, MDC included, whichever data encryptor runs; and each decrypts with
     * either decryptor.
     */
    @Test
    void wholeMessagesAreByteIdenticalToBouncyCastlesAndDecryptBothWays() throws Exception {
        TestKeys keys = TestKeys.create(tmp);
        OpenPgpPublicKey recipient = (OpenPgpPublicKey) keys.recipient();
        OpenPgpSecretKey secret = (OpenPgpSecretKey) keys.decryption();
        byte[] plain = bytes(200_000, 99);
        byte[] fast = message(new FastCfbEncryptorBuilder(new FixedRandom(1)), recipient, plain);
        byte[] stock = message(new JcePGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256).setWithIntegrityPacket(true)
                .setSecureRandom(new FixedRandom(1)), recipient, plain);
        assertArrayEquals(stock, fast, "the fast encryptor's message differs from BouncyCastle's");

        var entry = secret.decryption().entrySet().iterator().next();
        Map<String, PublicKeyDataDecryptorFactory> decryptors = Map.of(
                "stock", new BcPublicKeyDataDecryptorFactory(entry.getValue()),
                "fast", new FastCfbDecryptorFactory(new BcPublicKeyDataDecryptorFactory(entry.getValue())));
        for (var decryptor : decryptors.entrySet()) {
            PGPEncryptedDataList list = (PGPEncryptedDataList) new JcaPGPObjectFactory(fast).nextObject();
            PGPPublicKeyEncryptedData data = (PGPPublicKeyEncryptedData) list.get(0);
            assertEquals(entry.getKey().longValue(), data.getKeyIdentifier().getKeyId());
            try (InputStream clear = data.getDataStream(decryptor.getValue())) {
                assertArrayEquals(plain, clear.readAllBytes(), decryptor.getKey());
            }
            assertTrue(data.verify(), "the MDC verifies with the " + decryptor.getKey() + " decryptor");
        }
    }

    private static byte[] message(PGPDataEncryptorBuilder encryptor, OpenPgpPublicKey recipient, byte[] plain) throws Exception {
        PGPEncryptedDataGenerator generator = new PGPEncryptedDataGenerator(encryptor);
        List<org.bouncycastle.openpgp.PGPPublicKey> keys = recipient.encryptionKeys();
        generator.addMethod(new BcPublicKeyKeyEncryptionMethodGenerator(keys.get(keys.size() - 1)).setSecureRandom(new FixedRandom(2)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream body = generator.open(out, new byte[1 << 16])) {
            body.write(plain);
        }
        return out.toByteArray();
    }

    private static FastCfbEncryptorBuilder fastEncryptor() {
        return new FastCfbEncryptorBuilder(new FixedRandom(0));
    }

    /** How a caller hands bytes to the encrypting stream. */
    private enum Pattern {
        WHOLE, SINGLE_BYTES, SEVENS, BLOCK_AND_A_HALF, AROUND_THE_BATCH, RANDOM_SIZES;

        void write(OutputStream out, byte[] b) throws IOException {
            switch (this) {
                case WHOLE -> out.write(b);
                case SINGLE_BYTES -> {
                    for (byte x : b) {
                        out.write(x);
                    }
                }
                case SEVENS -> slices(out, b, new int[] {7});
                case BLOCK_AND_A_HALF -> slices(out, b, new int[] {24});
                case AROUND_THE_BATCH -> slices(out, b, new int[] {4095, 4097, 1, 8192});
                case RANDOM_SIZES -> {
                    Random r = new Random(b.length);
                    int off = 0;
                    while (off < b.length) {
                        int n = Math.min(b.length - off, r.nextInt(10_000));
                        out.write(b, off, n);
                        off += n;
                    }
                }
            }
        }

        private static void slices(OutputStream out, byte[] b, int[] sizes) throws IOException {
            int off = 0;
            for (int i = 0; off < b.length; i++) {
                int n = Math.min(b.length - off, sizes[i % sizes.length]);
                out.write(b, off, n);
                off += n;
            }
        }
    }

    /** How a caller takes bytes from the decrypting stream. */
    private enum ReadPattern {
        WHOLE, SINGLE_BYTES, SEVENS, BATCH_PLUS_THREE;

        byte[] read(InputStream in) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            switch (this) {
                case WHOLE -> out.write(in.readAllBytes());
                case SINGLE_BYTES -> {
                    for (int b; (b = in.read()) >= 0;) {
                        out.write(b);
                    }
                }
                case SEVENS, BATCH_PLUS_THREE -> {
                    byte[] buffer = new byte[this == SEVENS ? 7 : 8192 + 3];
                    for (int n; (n = in.read(buffer, 0, buffer.length)) >= 0;) {
                        out.write(buffer, 0, n);
                    }
                }
            }
            return out.toByteArray();
        }
    }

    private static byte[] encrypt(PGPDataEncryptorBuilder builder, byte[] key, byte[] plain, Pattern pattern) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream cfb = builder.build(key).getOutputStream(out)) {
            pattern.write(cfb, plain);
        }
        return out.toByteArray();
    }

    private static byte[] fastDecrypt(byte[] key, byte[] cipher, int delivered, ReadPattern pattern) throws Exception {
        InputStream source = new Dribble(cipher, delivered);
        InputStream clear = new FastCfbDecryptorFactory(new BcPublicKeyDataDecryptorFactory(null))
                .createDataDecryptor(true, SymmetricKeyAlgorithmTags.AES_256, key).getInputStream(source);
        return pattern.read(clear);
    }

    /** Hands out at most {@code step} bytes per read and never claims more are available, as a slow pipe would. */
    private static final class Dribble extends InputStream {
        private final byte[] data;
        private final int step;
        private int pos;

        Dribble(byte[] data, int step) {
            this.data = data;
            this.step = step;
        }

        @Override
        public int read() {
            return pos < data.length ? data[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos == data.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, step), data.length - pos);
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public int available() {
            return 0;
        }
    }

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = new byte[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
