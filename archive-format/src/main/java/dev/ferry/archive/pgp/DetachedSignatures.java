package dev.ferry.archive.pgp;

import dev.ferry.archive.keys.OpenPgpPublicKey;
import dev.ferry.archive.keys.OpenPgpSecretKey;
import dev.ferry.common.CauseDetail;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.jcajce.JcaPGPObjectFactory;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentVerifierBuilderProvider;

/** Binary detached signatures (type 0x00, SHA-256) of the cleartext files, as {@code gpg --verify FILE.sig FILE} checks them. */
public final class DetachedSignatures {
    private DetachedSignatures() {
    }

    public static void sign(OpenPgpSecretKey signer, Path file, Path signatureFile, SecureRandom random) throws IOException {
        try {
            PGPSignatureGenerator gen = new PGPSignatureGenerator(new JcaPGPContentSignerBuilder(signer.signing().getAlgorithm(), HashAlgorithmTags.SHA256)
                    .setSecureRandom(random), signer.signing());
            gen.init(PGPSignature.BINARY_DOCUMENT, signer.signingPrivate());
            gen.update(Files.readAllBytes(file));
            try (OutputStream out = Files.newOutputStream(signatureFile, java.nio.file.StandardOpenOption.CREATE_NEW)) {
                gen.generate().encode(out);
            }
        } catch (PGPException e) {
            throw new IOException("cannot sign " + file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Checks a detached signature of {@code content} (the file's exact bytes).
     *
     * @return null if it verifies against the pinned signer, else the reason
     */
    public static String verify(OpenPgpPublicKey signer, byte[] content, Path signatureFile) {
        PGPSignatureList list;
        try (InputStream in = PGPUtil.getDecoderStream(Files.newInputStream(signatureFile))) {
            Object o = new JcaPGPObjectFactory(in).nextObject();
            if (!(o instanceof PGPSignatureList l) || l.isEmpty()) {
                return "it is not an OpenPGP signature";
            }
            list = l;
        } catch (IOException | RuntimeException e) {
            return "it cannot be read as an OpenPGP signature: " + (CauseDetail.inChain(e, EOFException.class)
                    ? "the signature packet ends early" : "the signature packet is malformed") + CauseDetail.parenthesised(e);
        }
        String why = "it was made by key " + Hex.keyId(list.get(0).getKeyID()) + ", not by the pinned signer " + signer.fingerprint();
        for (PGPSignature sig : list) {
            PGPPublicKey key = signer.signingKey(sig.getKeyID());
            if (key == null) {
                continue;
            }
            if (!strongHash(sig.getHashAlgorithm())) {
                return "it uses a hash weaker than SHA-256 (algorithm " + sig.getHashAlgorithm() + ")";
            }
            try {
                sig.init(new JcaPGPContentVerifierBuilderProvider(), key);
                sig.update(content);
                if (sig.verify()) {
                    return null;
                }
                why = "the signature does not match the file's content (the file was changed after signing)";
            } catch (PGPException | RuntimeException e) {
                why = "the signature cannot be checked" + CauseDetail.parenthesised(e);
            }
        }
        return why;
    }

    /** SHA-256 or stronger: SHA-256/384/512, SHA3-256/512. */
    public static boolean strongHash(int algorithm) {
        return algorithm == HashAlgorithmTags.SHA256 || algorithm == HashAlgorithmTags.SHA384 || algorithm == HashAlgorithmTags.SHA512
                || algorithm == HashAlgorithmTags.SHA3_256 || algorithm == HashAlgorithmTags.SHA3_512;
    }
}
