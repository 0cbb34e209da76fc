package dev.ferry.tests.generator;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;

/**
 * An RSA key pair with a self-signed certificate, made fresh for a test: what an operator uploads as a realm's
 * imported {@code rsa} or {@code rsa-enc} key. Nothing about it is secret beyond the test run.
 */
public record ThrowawayRsaKey(KeyPair keys, X509Certificate certificate) {

    public static ThrowawayRsaKey generate(String commonName) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            KeyPair keys = g.generateKeyPair();
            return new ThrowawayRsaKey(keys, selfSigned(keys, commonName));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot make a throwaway RSA key: " + e.getMessage(), e);
        }
    }

    /** PKCS#8 PEM, as the admin console's "Import key" takes it. */
    public String privateKeyPem() {
        return pem("PRIVATE KEY", keys.getPrivate().getEncoded());
    }

    public String certificatePem() {
        try {
            return pem("CERTIFICATE", certificate.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The key id Keycloak gives this key: base64url (no padding) of the SHA-256 of the public key's
     * SubjectPublicKeyInfo (checked against a real 26.4 server's JWKS by AdminApiMasksTest).
     */
    public String kid() {
        return kidOf(keys.getPublic().getEncoded());
    }

    public static String kidOf(byte[] subjectPublicKeyInfo) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(subjectPublicKeyInfo);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static X509Certificate selfSigned(KeyPair keys, String commonName) throws GeneralSecurityException, IOException {
        X500Name name = new X500Name("CN=" + commonName);
        AlgorithmIdentifier sha256WithRsa = new AlgorithmIdentifier(PKCSObjectIdentifiers.sha256WithRSAEncryption, DERNull.INSTANCE);
        Instant now = Instant.now();
        V3TBSCertificateGenerator tbs = new V3TBSCertificateGenerator();
        tbs.setSerialNumber(new ASN1Integer(new BigInteger(64, new SecureRandom())));
        tbs.setIssuer(name);
        tbs.setSubject(name);
        tbs.setStartDate(new Time(Date.from(now.minus(Duration.ofDays(1)))));
        tbs.setEndDate(new Time(Date.from(now.plus(Duration.ofDays(30)))));
        tbs.setSubjectPublicKeyInfo(SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()));
        tbs.setSignature(sha256WithRsa);
        TBSCertificate body = tbs.generateTBSCertificate();
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(keys.getPrivate());
        signer.update(body.getEncoded(ASN1Encoding.DER));
        ASN1EncodableVector cert = new ASN1EncodableVector();
        cert.add(body);
        cert.add(sha256WithRsa);
        cert.add(new DERBitString(signer.sign()));
        byte[] der = new DERSequence(cert).getEncoded(ASN1Encoding.DER);
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }
}
