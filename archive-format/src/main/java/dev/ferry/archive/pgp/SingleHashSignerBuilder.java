package dev.ferry.archive.pgp;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.crypto.AsymmetricBlockCipher;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.encodings.PKCS1Encoding;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.operator.PGPContentSigner;
import org.bouncycastle.openpgp.operator.PGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyConverter;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;

/**
 * SHA-256 signatures (v4, RSA or legacy EdDSA over Ed25519) that hash the signed data once. BouncyCastle's
 * {@link JcaPGPContentSignerBuilder} feeds every byte to two hashes (one for the signature, one for the two-byte hash
 * prefix of the signature packet), which halves the speed of signing a multi-gigabyte part. Here one JDK SHA-256
 * (the SHA-NI intrinsic) serves both, and the final digest is signed as OpenPGP prescribes: EdDSA over the digest,
 * or PKCS#1 v1.5 over its DigestInfo. Other key types go to BouncyCastle's builder unchanged.
 */
final class SingleHashSignerBuilder implements PGPContentSignerBuilder {
    private final int keyAlgorithm;
    private final SecureRandom random;

    SingleHashSignerBuilder(int keyAlgorithm, SecureRandom random) {
        this.keyAlgorithm = keyAlgorithm;
        this.random = random;
    }

    @Override
    public PGPContentSigner build(int signatureType, PGPPrivateKey privateKey) throws PGPException {
        AsymmetricKeyParameter key = new BcPGPKeyConverter().getPrivateKey(privateKey);
        boolean rsa = keyAlgorithm == PublicKeyAlgorithmTags.RSA_GENERAL || keyAlgorithm == PublicKeyAlgorithmTags.RSA_SIGN;
        boolean eddsa = keyAlgorithm == PublicKeyAlgorithmTags.EDDSA_LEGACY && key instanceof Ed25519PrivateKeyParameters;
        if (!(rsa && key instanceof RSAKeyParameters) && !eddsa) {
            return new JcaPGPContentSignerBuilder(keyAlgorithm, HashAlgorithmTags.SHA256).setSecureRandom(random)
                    .build(signatureType, privateKey);
        }
        MessageDigest sha256 = CountingDigestOutputStream.sha256();
        return new PGPContentSigner() {
            private byte[] digest;

            @Override
            public OutputStream getOutputStream() {
                return new OutputStream() {
                    @Override
                    public void write(int b) {
                        sha256.update((byte) b);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) {
                        Digests.update(sha256, b, off, len);
                    }
                };
            }

            @Override
            public byte[] getDigest() {
                if (digest == null) {
                    digest = sha256.digest();
                }
                return digest.clone();
            }

            @Override
            public byte[] getSignature() {
                byte[] hash = getDigest();
                return eddsa ? ed25519(hash) : rsa(hash);
            }

            private byte[] ed25519(byte[] hash) {
                Ed25519Signer signer = new Ed25519Signer();
                signer.init(true, key);
                signer.update(hash, 0, hash.length);
                return signer.generateSignature();
            }

            private byte[] rsa(byte[] hash) {
                try {
                    byte[] info = new DigestInfo(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256, DERNull.INSTANCE), hash)
                            .getEncoded(ASN1Encoding.DER);
                    AsymmetricBlockCipher pkcs1 = new PKCS1Encoding(new RSABlindedEngine());
                    pkcs1.init(true, new ParametersWithRandom(key, random));
                    return pkcs1.processBlock(info, 0, info.length);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (InvalidCipherTextException e) {
                    throw new IllegalStateException("RSA signing failed: " + e.getMessage(), e);
                }
            }

            @Override
            public int getType() {
                return signatureType;
            }

            @Override
            public int getHashAlgorithm() {
                return HashAlgorithmTags.SHA256;
            }

            @Override
            public int getKeyAlgorithm() {
                return keyAlgorithm;
            }

            @Override
            public long getKeyID() {
                return privateKey.getKeyID();
            }
        };
    }
}
