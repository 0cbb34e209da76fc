package dev.ferry.archive.seal;

import dev.ferry.archive.keys.RecipientKey;
import dev.ferry.archive.keys.SigningKey;
import java.util.List;

/**
 * How a bundle is sealed.
 *
 * @param recipients  one or more recipients; every part is encrypted to all of them
 * @param signer      signs every part (one-pass) and the cleartext manifest and sums (detached)
 * @param volumeSize  no part file exceeds this many bytes; {@link #FAT32_MAX} by default
 * @param sourceLabel a free-text label of the Source, written in cleartext: must hold no secret
 * @param parallelism how many parts of one store may be sealed at once (lanes); 0 means "one per core"
 */
public record SealingOptions(List<RecipientKey> recipients, SigningKey signer, long volumeSize, String sourceLabel,
        int parallelism) {
    /** The largest file FAT32 can hold: 4 GiB − 1 byte. */
    public static final long FAT32_MAX = 4L * 1024 * 1024 * 1024 - 1;
}
