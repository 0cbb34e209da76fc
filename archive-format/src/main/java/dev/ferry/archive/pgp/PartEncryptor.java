package dev.ferry.archive.pgp;

import dev.ferry.archive.keys.OpenPgpPublicKey;
import dev.ferry.archive.keys.OpenPgpSecretKey;
import java.io.IOException;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.Date;
import java.util.List;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyKeyEncryptionMethodGenerator;

/**
 * The OpenPGP envelope of one part: SEIPD v1 (AES-256, MDC) to every recipient, around a one-pass-signed (SHA-256)
 * binary literal data packet, with no OpenPGP compression. {@link #body()} takes the literal data; {@link #close()}
 * writes the signature and the MDC. The bulk cipher and all digests come from the JDK's providers.
 */
public final class PartEncryptor implements AutoCloseable {
    /** Partial-body chunk of the literal and encrypted packets; 64 KiB keeps the framing overhead at 2 bytes per 64 KiB. */
    private static final int PACKET_BUFFER = 1 << 16;

    private final PGPEncryptedDataGenerator encryption;
    private final OutputStream encrypted;
    private final PGPLiteralDataGenerator literal = new PGPLiteralDataGenerator();
    private final OutputStream literalOut;
    private final PGPSignatureGenerator signature;
    private final OutputStream body;
    private boolean closed;

    public PartEncryptor(OutputStream file, List<OpenPgpPublicKey> recipients, OpenPgpSecretKey signer, String literalName,
            Date modified, SecureRandom random) throws IOException {
        try {
            encryption = new PGPEncryptedDataGenerator(new FastCfbEncryptorBuilder(random));
            for (OpenPgpPublicKey recipient : recipients) {
                List<PGPPublicKey> keys = recipient.encryptionKeys();
                // Like gpg: one key per recipient, its newest encryption subkey.
                encryption.addMethod(new BcPublicKeyKeyEncryptionMethodGenerator(keys.get(keys.size() - 1)).setSecureRandom(random));
            }
            encrypted = encryption.open(file, new byte[PACKET_BUFFER]);
            signature = new PGPSignatureGenerator(new SingleHashSignerBuilder(signer.signing().getAlgorithm(), random), signer.signing());
            signature.init(PGPSignature.BINARY_DOCUMENT, signer.signingPrivate());
            signature.generateOnePassVersion(false).encode(encrypted);
            literalOut = literal.open(encrypted, PGPLiteralData.BINARY, literalName, modified, new byte[PACKET_BUFFER]);
        } catch (PGPException e) {
            throw new IOException("cannot start OpenPGP encryption: " + e.getMessage(), e);
        }
        body = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                literalOut.write(b);
                signature.update((byte) b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                literalOut.write(b, off, len);
                while (len > 0) {
                    // Slices, so the signature's digest runs as the compiled SHA-NI intrinsic (see Digests).
                    int n = Math.min(len, 1 << 14);
                    signature.update(b, off, n);
                    off += n;
                    len -= n;
                }
            }
        };
    }

    /** The literal data: what the signature covers and the encryption protects. */
    public OutputStream body() {
        return body;
    }

    /** The worst-case size of the whole OpenPGP message for a literal body of {@code bodyBytes}. */
    public static long sizeBound(long bodyBytes, int recipients) {
        // Two partial-body framings (literal, encrypted) at 1 byte per 64 KiB each, plus fixed packets: PKESKs (an
        // RSA-4096 one is 526 bytes), one-pass signature, literal header, signature (RSA-4096: ~600 bytes), MDC.
        return bodyBytes + bodyBytes / 16384 + 8192 + 1100L * recipients;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            literal.close();
            signature.generate().encode(encrypted);
            encryption.close();
        } catch (PGPException e) {
            throw new IOException("cannot finish the OpenPGP signature: " + e.getMessage(), e);
        }
    }
}
