package dev.ferry.archive.format;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The fixed names and limits of the format, shared by the writer and the reader (see docs/archive-format.md). */
public final class FormatRules {
    /** A full bundle's manifest version; also the version of every part's index, in full and delta bundles alike. */
    public static final int FORMAT_VERSION = 1;
    /** A delta bundle's manifest version: its manifest names the base bundle, which a version-1 reader must not ignore. */
    public static final int DELTA_FORMAT_VERSION = 2;
    /**
     * The exporter's private state in a bundle directory: sealed to the signer's own encryption subkey, listed in
     * SHA256SUMS, and opaque to every other reader.
     */
    public static final String EXPORTER_STATE = "exporter-state.pgp";
    public static final String MANIFEST = "manifest.json";
    public static final String SUMS = "SHA256SUMS";
    public static final String SIGNATURE_SUFFIX = ".sig";
    public static final String INDEX_MEMBER = "index.json";
    public static final String DATA_PREFIX = "data/";
    /** Writers cut entries into chunks of at most this size; readers refuse larger members. */
    public static final int MAX_CHUNK = 4 << 20;
    /** Readers refuse a larger index member; writers roll over to a new part before reaching it. */
    public static final int MAX_INDEX = 64 << 20;
    /** Past this many plaintext bytes per compressed byte (after {@link #RATIO_ALLOWANCE}) a part is a decompression bomb. */
    public static final long MAX_RATIO = 1024;
    public static final long RATIO_ALLOWANCE = 64L << 20;
    /** The smallest volume size: room for the OpenPGP framing, one small chunk and the index. */
    public static final long MIN_VOLUME = 64 << 10;

    private static final Pattern STORE = Pattern.compile("[a-z][a-z0-9]{0,31}");
    private static final Pattern PART_FILE = Pattern.compile("([a-z][a-z0-9]{0,31})-(\\d{2,})-(\\d{4,})\\.tar\\.zst\\.gpg");

    private FormatRules() {
    }

    /** Whether this Ferry reads a manifest of this version (1: full, 2: delta). */
    public static boolean readableManifestVersion(int version) {
        return version == FORMAT_VERSION || version == DELTA_FORMAT_VERSION;
    }

    /** A bundle id: 32 lower-case hex digits. */
    public static boolean validBundleId(String id) {
        return id != null && id.length() == 32 && id.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f');
    }

    public static boolean validStore(String store) {
        return store != null && STORE.matcher(store).matches();
    }

    /** "objects-02-0003.tar.zst.gpg": store, lane, position in the lane. */
    public static String partFileName(String store, int lane, int laneSequence) {
        return String.format("%s-%02d-%04d.tar.zst.gpg", store, lane, laneSequence);
    }

    /** Parses a part file name; null if it is not one. */
    public static PartName parsePartFileName(String file) {
        Matcher m = PART_FILE.matcher(file);
        if (!m.matches()) {
            return null;
        }
        try {
            return new PartName(m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A part file name, parsed. */
    public record PartName(String store, int lane, int laneSequence) {
    }

    /** The tar member name of chunk {@code k} of an entry: "data/PATH" for the first, "data/PATH~000001" after. */
    public static String chunkMemberName(String path, int chunk) {
        if (chunk == 0) {
            return DATA_PREFIX + path;
        }
        return DATA_PREFIX + path + "~" + zeroPadded(chunk, 6);
    }

    /**
     * {@code n} in decimal, left-padded with zeros to {@code width} digits. Not String.format: on a per-chunk or
     * per-object path its format-string regex turns hot, and compiling that costs C2 about 0.7 CPU-s.
     */
    public static String zeroPadded(long n, int width) {
        String digits = Long.toString(n);
        return "0".repeat(Math.max(0, width - digits.length())) + digits;
    }

    /**
     * Why an entry path is not acceptable, or null if it is. Paths are relative, '/'-separated, without empty, "." or
     * ".." segments, control characters, backslashes or '~' (reserved for chunk names), at most 1024 UTF-8 bytes.
     */
    public static String pathProblem(String path) {
        if (path == null || path.isEmpty()) {
            return "is empty";
        }
        if (path.startsWith("/")) {
            return "is absolute";
        }
        if (path.getBytes(StandardCharsets.UTF_8).length > 1024) {
            return "is longer than 1024 bytes";
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return "contains a control character";
            }
            if (c == '\\') {
                return "contains a backslash";
            }
            if (c == '~') {
                return "contains '~' (reserved for chunk names)";
            }
        }
        for (String segment : path.split("/", -1)) {
            if (segment.equals("..")) {
                return "contains '..'";
            }
            if (segment.isEmpty() || segment.equals(".")) {
                return "has an empty or '.' segment";
            }
        }
        return null;
    }
}
