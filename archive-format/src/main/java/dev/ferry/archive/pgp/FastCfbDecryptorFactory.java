package dev.ferry.archive.pgp;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.bcpg.AEADEncDataPacket;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.InputStreamPacket;
import org.bouncycastle.bcpg.PublicKeyEncSessionPacket;
import org.bouncycastle.bcpg.SymmetricEncIntegrityPacket;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPSessionKey;
import org.bouncycastle.openpgp.operator.PGPDataDecryptor;
import org.bouncycastle.openpgp.operator.PGPDigestCalculator;
import org.bouncycastle.openpgp.operator.PublicKeyDataDecryptorFactory;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPDigestCalculatorProviderBuilder;

/**
 * Decrypts SEIPD v1 (AES-256 CFB with MDC) several times faster than a JCE "AES/CFB" stream: CFB decryption needs
 * only the block cipher applied to the previous ciphertext blocks, which are all known, so whole batches go through
 * one AES/ECB call (AES-NI) and are XORed 8 bytes at a time. Session-key recovery stays with the delegate.
 */
@SuppressWarnings("deprecation") // the interface still declares the pre-v6 recovery methods; they only delegate
final class FastCfbDecryptorFactory implements PublicKeyDataDecryptorFactory {
    private static final int BLOCK = 16;
    /** Small enough that the AES call site is hot (and compiled to AES-NI) within the first megabytes. */
    private static final int BATCH = 1 << 13;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private final PublicKeyDataDecryptorFactory delegate;

    FastCfbDecryptorFactory(PublicKeyDataDecryptorFactory delegate) {
        this.delegate = delegate;
    }

    @Override
    public byte[] recoverSessionData(PublicKeyEncSessionPacket pkesk, InputStreamPacket encData) throws PGPException {
        return delegate.recoverSessionData(pkesk, encData);
    }

    @Override
    public byte[] recoverSessionData(int keyAlgorithm, byte[][] secKeyData) throws PGPException {
        return delegate.recoverSessionData(keyAlgorithm, secKeyData);
    }

    @Override
    public byte[] recoverSessionData(int keyAlgorithm, byte[][] secKeyData, int pkeskVersion) throws PGPException {
        return delegate.recoverSessionData(keyAlgorithm, secKeyData, pkeskVersion);
    }

    @Override
    public PGPDataDecryptor createDataDecryptor(boolean withIntegrityPacket, int encAlgorithm, byte[] key) throws PGPException {
        if (!withIntegrityPacket || encAlgorithm != SymmetricKeyAlgorithmTags.AES_256) {
            // Not the format's profile: let the general code decrypt it so the caller can name what it is.
            return delegate.createDataDecryptor(withIntegrityPacket, encAlgorithm, key);
        }
        Cipher ecb;
        try {
            ecb = Cipher.getInstance("AES/ECB/NoPadding", Providers.BULK_CIPHER);
            ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
        } catch (GeneralSecurityException e) {
            throw new PGPException("AES is not available: " + e.getMessage(), e);
        }
        PGPDigestCalculator mdc = new JcaPGPDigestCalculatorProviderBuilder().build().get(HashAlgorithmTags.SHA1);
        return new PGPDataDecryptor() {
            @Override
            public InputStream getInputStream(InputStream in) {
                return new CfbStream(in, ecb);
            }

            @Override
            public int getBlockSize() {
                return BLOCK;
            }

            @Override
            public PGPDigestCalculator getIntegrityCalculator() {
                return mdc;
            }
        };
    }

    @Override
    public PGPDataDecryptor createDataDecryptor(AEADEncDataPacket aeadEncDataPacket, PGPSessionKey sessionKey) throws PGPException {
        return delegate.createDataDecryptor(aeadEncDataPacket, sessionKey);
    }

    @Override
    public PGPDataDecryptor createDataDecryptor(SymmetricEncIntegrityPacket seipd, PGPSessionKey sessionKey) throws PGPException {
        return delegate.createDataDecryptor(seipd, sessionKey);
    }

    /** CFB decryption with a zero IV (OpenPGP's SEIPD), a batch at a time. */
    private static final class CfbStream extends InputStream {
        private final InputStream in;
        private final Cipher ecb;
        /** [previous ciphertext block][batch of ciphertext] */
        private final byte[] cipher = new byte[BLOCK + BATCH];
        private final byte[] keystream = new byte[BATCH];
        private final byte[] plain = new byte[BATCH];
        private int pos;
        private int limit;
        private boolean eof;

        CfbStream(InputStream in, Cipher ecb) {
            this.in = in;
            this.ecb = ecb;
        }

        @Override
        public int read() throws IOException {
            if (pos == limit && !fill()) {
                return -1;
            }
            return plain[pos++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (pos == limit && len >= BATCH) {
                // A whole batch is wanted: decrypt it straight into the caller's array.
                int n = decryptBatch(b, off);
                return n == 0 ? -1 : n;
            }
            if (pos == limit && !fill()) {
                return -1;
            }
            int n = Math.min(len, limit - pos);
            System.arraycopy(plain, pos, b, off, n);
            pos += n;
            return n;
        }

        private boolean fill() throws IOException {
            int n = decryptBatch(plain, 0);
            pos = 0;
            limit = n;
            return n > 0;
        }

        /** Decrypts up to one batch into {@code dest} from {@code destOff}; returns the bytes decrypted, 0 at the end. */
        private int decryptBatch(byte[] dest, int destOff) throws IOException {
            if (eof) {
                return 0;
            }
            int n = 0;
            while (n < BATCH) {
                int r = in.read(cipher, BLOCK + n, BATCH - n);
                if (r < 0) {
                    eof = true;
                    break;
                }
                n += r;
                if (n % BLOCK == 0 && n > 0 && in.available() == 0) {
                    break;
                }
            }
            if (n == 0) {
                return 0;
            }
            int blocks = (n + BLOCK - 1) / BLOCK;
            try {
                // Keystream block i is AES(ciphertext block i-1); block -1 is the previous batch's last (or the zero IV).
                ecb.update(cipher, 0, blocks * BLOCK, keystream, 0);
            } catch (GeneralSecurityException e) {
                throw new IOException("AES failed: " + e.getMessage(), e);
            }
            int i = 0;
            for (; i + 8 <= n; i += 8) {
                LONGS.set(dest, destOff + i, (long) LONGS.get(cipher, BLOCK + i) ^ (long) LONGS.get(keystream, i));
            }
            for (; i < n; i++) {
                dest[destOff + i] = (byte) (cipher[BLOCK + i] ^ keystream[i]);
            }
            if (n % BLOCK == 0) {
                System.arraycopy(cipher, n, cipher, 0, BLOCK);
            } else {
                // A partial block can only be the last one.
                eof = true;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
