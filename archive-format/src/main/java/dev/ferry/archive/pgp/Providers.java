package dev.ferry.archive.pgp;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Which JCA provider does what. The bulk cipher and every digest over bundle data go through the JDK's own providers
 * (SunJCE, SUN), which use AES-NI and SHA-NI and are 4–7× faster here than BouncyCastle's. One-off key operations
 * (S2K, session keys, binding signatures) use BouncyCastle's lightweight classes, which need no provider: building
 * the BouncyCastle provider costs seconds of start-up, so only key generation uses it. It is never registered globally.
 */
public final class Providers {
    /** An immutable provider instance shared by all key operations. */
    public static final Provider BC = new BouncyCastleProvider();

    /** The JDK provider that holds AES/CFB. */
    public static final String BULK_CIPHER = "SunJCE";

    private Providers() {
    }
}
