package dev.ferry.archive.pgp;

import dev.ferry.archive.keys.OpenPgpPublicKey;
import dev.ferry.archive.keys.OpenPgpSecretKey;
import dev.ferry.common.CauseDetail;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPEncryptedData;
import org.bouncycastle.openpgp.PGPEncryptedDataList;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPOnePassSignature;
import org.bouncycastle.openpgp.PGPOnePassSignatureList;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyEncryptedData;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.jcajce.JcaPGPObjectFactory;
import org.bouncycastle.openpgp.operator.PublicKeyDataDecryptorFactory;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyDataDecryptorFactory;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentVerifierBuilderProvider;

/**
 * Opens one part: checks the OpenPGP profile (binary, SEIPD v1 with MDC, AES-256, encrypted to our key, one-pass
 * signed by the pinned signer with SHA-256 or stronger, no compression packet) and yields the literal data.
 * {@link #finish()}, called after the literal data has been read to its end, checks the signature, the MDC and that
 * nothing follows. Until then nothing read from {@link #literal()} is authenticated.
 * <p>
 * Three ways to open a part, by what the caller still needs proved:
 * <ul>
 * <li>the constructor: the signature and the file's SHA-256 ({@link #cipherSha256}), for a file that no signed index
 * describes (the exporter state);</li>
 * <li>{@link #forVerifying}: the signature but not the file's SHA-256, for a bundle part whose signed index the
 * caller checks member by member (docs/archive-format.md, "Why a keyed verification does not hash the part file");</li>
 * <li>{@link #forRereading}: neither, for a part verified before whose released bytes the caller checks against
 * hashes from its verified index; the profile checks and the MDC still run.</li>
 * </ul>
 */
public final class PartDecryptor implements AutoCloseable {
    private final HashingFileSource counted;
    private final JcaPGPObjectFactory outer;
    private final PGPPublicKeyEncryptedData encrypted;
    private final InputStream clear;
    private final JcaPGPObjectFactory inner;
    private final PGPOnePassSignature onePass;
    private final ReadAheadStream literal;

    private final boolean authenticate;

    /** Opens a part for verification: signature, MDC and the file's SHA-256 are all checked. */
    public PartDecryptor(Path file, OpenPgpSecretKey key, OpenPgpPublicKey signer) throws BadPartException, IOException {
        this(file, key, signer, true, true);
    }

    /**
     * Opens a bundle part for verification: signature and MDC checked, the file not hashed. The caller proves the rest
     * from the signed index inside (bundle id, store, lane, position, every member's size and hash) and the size.
     */
    public static PartDecryptor forVerifying(Path file, OpenPgpSecretKey key, OpenPgpPublicKey signer) throws BadPartException, IOException {
        return new PartDecryptor(file, key, signer, true, false);
    }

    /** Opens a verified part again, for a reader that checks every byte it releases against the verified index. */
    public static PartDecryptor forRereading(Path file, OpenPgpSecretKey key, OpenPgpPublicKey signer) throws BadPartException, IOException {
        return new PartDecryptor(file, key, signer, false, false);
    }

    private PartDecryptor(Path file, OpenPgpSecretKey key, OpenPgpPublicKey signer, boolean authenticate, boolean hashFile)
            throws BadPartException, IOException {
        this.authenticate = authenticate;
        counted = new HashingFileSource(file, hashFile);
        boolean ok = false;
        try {
            outer = new JcaPGPObjectFactory(counted);
            Object first;
            try {
                first = nextObject(outer);
            } catch (BadPartException e) {
                throw armouredOr(file, e);
            }
            if (!(first instanceof PGPEncryptedDataList list)) {
                throw armouredOr(file, new BadPartException("it is not a binary OpenPGP encrypted message"));
            }
            PGPPublicKeyEncryptedData chosen = null;
            PGPPrivateKey priv = null;
            List<String> recipients = new ArrayList<>();
            for (PGPEncryptedData data : list) {
                if (data instanceof PGPPublicKeyEncryptedData pk) {
                    long keyId = pk.getKeyIdentifier().getKeyId();
                    recipients.add(Hex.keyId(keyId));
                    PGPPrivateKey candidate = key.decryption().get(keyId);
                    if (candidate != null && chosen == null) {
                        chosen = pk;
                        priv = candidate;
                    }
                }
            }
            if (chosen == null) {
                throw new BadPartException("it is encrypted for key(s) " + recipients + ", not for the decryption key " + key.fingerprint()
                        + " (a bundle for another recipient)");
            }
            encrypted = chosen;
            if (encrypted.isAEAD() || !encrypted.isIntegrityProtected()) {
                throw new BadPartException("it is not SEIPD v1 with MDC, the only encryption the format allows");
            }
            // Session-key recovery (once per part) by BouncyCastle's own code: no JCA provider to initialise.
            PublicKeyDataDecryptorFactory factory = new FastCfbDecryptorFactory(new BcPublicKeyDataDecryptorFactory(priv));
            int algorithm = encrypted.getSymmetricAlgorithm(factory);
            if (algorithm != SymmetricKeyAlgorithmTags.AES_256) {
                throw new BadPartException("it is encrypted with symmetric algorithm " + algorithm + ", not AES-256");
            }
            clear = encrypted.getDataStream(factory);
            inner = new JcaPGPObjectFactory(clear);
            Object o = nextObject(inner);
            if (o instanceof PGPCompressedData) {
                throw new BadPartException("it uses OpenPGP compression, which the format forbids");
            }
            if (!(o instanceof PGPOnePassSignatureList ops) || ops.size() != 1) {
                throw new BadPartException("it is not one-pass signed");
            }
            onePass = ops.get(0);
            PGPPublicKey signingKey = signer.signingKey(onePass.getKeyID());
            if (signingKey == null) {
                throw new BadPartException("it is signed by key " + Hex.keyId(onePass.getKeyID()) + ", not by the pinned signer "
                        + signer.fingerprint());
            }
            if (!DetachedSignatures.strongHash(onePass.getHashAlgorithm())) {
                throw new BadPartException("its signature uses a hash weaker than SHA-256");
            }
            onePass.init(new JcaPGPContentVerifierBuilderProvider(), signingKey);
            Object lit = nextObject(inner);
            if (!(lit instanceof PGPLiteralData data) || data.getFormat() != PGPLiteralData.BINARY) {
                throw new BadPartException("it does not hold one binary literal data packet after its one-pass signature");
            }
            InputStream raw = data.getInputStream();
            literal = new ReadAheadStream(new InputStream() {
                @Override
                public int read() throws IOException {
                    int b = raw.read();
                    if (b >= 0 && authenticate) {
                        onePass.update((byte) b);
                    }
                    return b;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = raw.read(b, off, len);
                    for (int done = 0; authenticate && done < n; done += 1 << 14) {
                        // Slices, so the signature's digest runs as the compiled SHA-NI intrinsic (see Digests).
                        onePass.update(b, off + done, Math.min(n - done, 1 << 14));
                    }
                    return n;
                }
            }, "ferry-decrypt-" + file.getFileName());
            ok = true;
        } catch (PGPException | RuntimeException e) {
            // Damaged key packets also surface from BouncyCastle as runtime exceptions (a bad curve point, a packet
            // version it does not know): they are refusals of the part, not bugs of the reader.
            throw new BadPartException("it is truncated or corrupt: decryption fails" + CauseDetail.parenthesised(e), e);
        } finally {
            if (!ok) {
                counted.close();
            }
        }
    }

    /** An armoured part fails to parse as packets; the refusal names the armour rather than the parse error. */
    private static BadPartException armouredOr(Path file, BadPartException otherwise) {
        try {
            return PartFraming.armoured(file) ? new BadPartException(PartFraming.armouredReason()) : otherwise;
        } catch (IOException e) {
            return otherwise;
        }
    }

    private static Object nextObject(JcaPGPObjectFactory factory) throws BadPartException {
        try {
            return factory.nextObject();
        } catch (IOException | RuntimeException e) {
            throw new BadPartException(packetFailure(e), e);
        }
    }

    /** A packet that cannot be parsed, in Ferry's words; the library's own follow only where they are human. */
    private static String packetFailure(Throwable e) {
        return "it is truncated or corrupt: " + (CauseDetail.inChain(e, EOFException.class) ? "an OpenPGP packet ends early" : "an OpenPGP packet is malformed")
                + CauseDetail.parenthesised(e);
    }

    /** The signed literal data (for a Ferry part: the zstd-compressed tar stream). */
    public InputStream literal() {
        return literal;
    }

    /** After the literal data was read to its end: checks signature, MDC, that nothing follows, and the file's end. */
    public void finish() throws BadPartException, IOException {
        if (literal.read() != -1) {
            throw new BadPartException("its literal data continues past the end of the tar stream");
        }
        Object o = nextObject(inner);
        if (!(o instanceof PGPSignatureList sigs) || sigs.size() != 1) {
            throw new BadPartException("its signature packet is missing (truncated?)");
        }
        try {
            PGPSignature sig = sigs.get(0);
            if (nextObject(inner) != null) {
                throw new BadPartException("it holds more packets after its signature");
            }
            while (clear.read() >= 0) {
                throw new BadPartException("it holds more data after its signature");
            }
            // The MDC first: a byte changed in transit then reads as an altered part, never as a malformed signature
            // value that the signature code would reject with an exception of its own.
            if (!encrypted.verify()) {
                throw new BadPartException("its integrity check (MDC) fails: the part was altered");
            }
            if (sig.getKeyID() != onePass.getKeyID() || authenticate && !onePass.verify(sig)) {
                throw new BadPartException("its inner signature does not verify: the part was altered");
            }
        } catch (PGPException | RuntimeException e) {
            // BouncyCastle reports a signature value out of range as a runtime exception.
            throw new BadPartException("its signature or integrity check fails" + CauseDetail.parenthesised(e), e);
        } catch (IOException e) {
            throw new BadPartException(packetFailure(e), e);
        }
        // Whatever follows the encrypted packet is counted, not parsed: the refusal says how much there is.
        long trailing = 0;
        byte[] sink = new byte[1 << 16];
        for (int n; (n = counted.read(sink, 0, sink.length)) >= 0;) {
            trailing += n;
        }
        if (trailing > 0) {
            throw new BadPartException(PartFraming.trailingReason(trailing));
        }
    }

    public long cipherBytes() {
        return counted.count();
    }

    /** The SHA-256 of the whole file, once {@link #finish()} has passed; only for a part opened by the constructor. */
    public String cipherSha256() {
        return counted.sha256Hex();
    }

    @Override
    public void close() throws IOException {
        if (literal != null) {
            literal.close();
        }
        counted.close();
    }
}
