package dev.ferry.archive.pgp;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.operator.PGPDataEncryptor;
import org.bouncycastle.openpgp.operator.PGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.PGPDigestCalculator;
import org.bouncycastle.openpgp.operator.jcajce.JcePGPDataEncryptorBuilder;

/**
 * SEIPD v1 encryption (AES-256 CFB, MDC) about twice as fast as the JCE's "AES/CFB" on this hardware. CFB
 * encryption computes C[i] = P[i] ⊕ E(C[i-1]); CBC encryption computes Y[i] = E(Y[i-1] ⊕ P[i]). Started with
 * Y[0] = E(IV), CBC yields Y[i] = E(C[i]) exactly, so one intrinsic CBC pass over the plaintext gives the CFB keystream
 * and C[i] = P[i] ⊕ Y[i-1]. The output is byte-identical to CFB (tests decrypt it with gpg).
 */
final class FastCfbEncryptorBuilder implements PGPDataEncryptorBuilder {
    private static final int BLOCK = 16;
    /** Small enough that the AES call site is hot (and compiled to AES-NI) within the first megabytes. */
    private static final int BATCH = 1 << 12;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private final JcePGPDataEncryptorBuilder delegate;

    FastCfbEncryptorBuilder(SecureRandom random) {
        this.delegate = new JcePGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256).setWithIntegrityPacket(true).setSecureRandom(random);
    }

    @Override
    public int getAlgorithm() {
        return delegate.getAlgorithm();
    }

    @Override
    public int getAeadAlgorithm() {
        return delegate.getAeadAlgorithm();
    }

    @Override
    public int getChunkSize() {
        return delegate.getChunkSize();
    }

    @Override
    public boolean isV5StyleAEAD() {
        return delegate.isV5StyleAEAD();
    }

    @Override
    public SecureRandom getSecureRandom() {
        return delegate.getSecureRandom();
    }

    @Override
    public PGPDataEncryptorBuilder setWithIntegrityPacket(boolean withIntegrityPacket) {
        if (!withIntegrityPacket) {
            throw new IllegalArgumentException("the format always uses the MDC");
        }
        return this;
    }

    @Override
    public PGPDataEncryptorBuilder setWithAEAD(int aeadAlgorithm, int chunkSize) {
        throw new IllegalArgumentException("the format uses SEIPD v1, never AEAD");
    }

    @Override
    public PGPDataEncryptorBuilder setUseV5AEAD() {
        throw new IllegalArgumentException("the format uses SEIPD v1, never AEAD");
    }

    @Override
    public PGPDataEncryptorBuilder setUseV6AEAD() {
        throw new IllegalArgumentException("the format uses SEIPD v1, never AEAD");
    }

    @Override
    public PGPDataEncryptor build(byte[] keyBytes) throws PGPException {
        PGPDigestCalculator mdc = delegate.build(keyBytes).getIntegrityCalculator();
        byte[] firstKeystream;
        Cipher cbc;
        try {
            SecretKeySpec key = new SecretKeySpec(keyBytes, "AES");
            Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding", Providers.BULK_CIPHER);
            ecb.init(Cipher.ENCRYPT_MODE, key);
            firstKeystream = ecb.doFinal(new byte[BLOCK]); // E(IV) with OpenPGP's zero IV
            cbc = Cipher.getInstance("AES/CBC/NoPadding", Providers.BULK_CIPHER);
            cbc.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(firstKeystream));
        } catch (GeneralSecurityException e) {
            throw new PGPException("AES is not available: " + e.getMessage(), e);
        }
        return new PGPDataEncryptor() {
            @Override
            public OutputStream getOutputStream(OutputStream out) {
                return new CfbStream(out, cbc, firstKeystream);
            }

            @Override
            public PGPDigestCalculator getIntegrityCalculator() {
                return mdc;
            }

            @Override
            public int getBlockSize() {
                return BLOCK;
            }
        };
    }

    private static final class CfbStream extends OutputStream {
        private final OutputStream out;
        private final Cipher cbc;
        /** The keystream block for the next plaintext block: E(previous ciphertext block). */
        private final byte[] next;
        private final byte[] plain = new byte[BATCH];
        private final byte[] chain = new byte[BATCH];
        private final byte[] cipher = new byte[BATCH];
        private int filled;
        private boolean closed;

        CfbStream(OutputStream out, Cipher cbc, byte[] firstKeystream) {
            this.out = out;
            this.cbc = cbc;
            this.next = firstKeystream.clone();
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (filled == 0 && len >= BLOCK) {
                    // Whole blocks are encrypted straight from the caller's array: no copy into the batch.
                    int n = Math.min(len - len % BLOCK, BATCH);
                    encrypt(b, off, n);
                    off += n;
                    len -= n;
                    continue;
                }
                int n = Math.min(len, BATCH - filled);
                System.arraycopy(b, off, plain, filled, n);
                filled += n;
                off += n;
                len -= n;
                if (filled == BATCH) {
                    encryptFullBlocks();
                }
            }
        }

        /** Encrypts every whole block buffered, keeping a trailing partial block for later. */
        private void encryptFullBlocks() throws IOException {
            int n = filled - filled % BLOCK;
            if (n == 0) {
                return;
            }
            encrypt(plain, 0, n);
            int rest = filled - n;
            System.arraycopy(plain, n, plain, 0, rest);
            filled = rest;
        }

        /** Encrypts and writes {@code n} bytes, a whole number of blocks, of {@code src} from {@code off}. */
        private void encrypt(byte[] src, int off, int n) throws IOException {
            try {
                cbc.update(src, off, n, chain, 0);
            } catch (GeneralSecurityException e) {
                throw new IOException("AES failed: " + e.getMessage(), e);
            }
            xor(src, off, next, 0, cipher, 0, BLOCK);
            xor(src, off + BLOCK, chain, 0, cipher, BLOCK, n - BLOCK);
            System.arraycopy(chain, n - BLOCK, next, 0, BLOCK);
            out.write(cipher, 0, n);
        }

        private static void xor(byte[] a, int aOff, byte[] b, int bOff, byte[] dst, int dstOff, int len) {
            int i = 0;
            for (; i + 8 <= len; i += 8) {
                LONGS.set(dst, dstOff + i, (long) LONGS.get(a, aOff + i) ^ (long) LONGS.get(b, bOff + i));
            }
            for (; i < len; i++) {
                dst[dstOff + i] = (byte) (a[aOff + i] ^ b[bOff + i]);
            }
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            encryptFullBlocks();
            if (filled > 0) {
                // The final partial block: CFB just XORs it with the keystream block.
                xor(plain, 0, next, 0, cipher, 0, filled);
                out.write(cipher, 0, filled);
                filled = 0;
            }
            out.flush();
            out.close();
        }
    }
}
