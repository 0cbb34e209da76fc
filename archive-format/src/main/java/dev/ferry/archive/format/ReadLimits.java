package dev.ferry.archive.format;

/**
 * The reader's resource bounds against hostile parts.
 *
 * @param maxRatio       plaintext bytes allowed per compressed byte, after the allowance
 * @param ratioAllowance plaintext bytes always allowed per part before the ratio applies
 * @param maxChunk       largest data member
 * @param maxIndex       largest index member
 */
public record ReadLimits(long maxRatio, long ratioAllowance, int maxChunk, int maxIndex) {
    public static final ReadLimits DEFAULT = new ReadLimits(FormatRules.MAX_RATIO, FormatRules.RATIO_ALLOWANCE,
            FormatRules.MAX_CHUNK, FormatRules.MAX_INDEX);
}
