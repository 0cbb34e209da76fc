package dev.ferry.importer.openfga;

import java.util.regex.Pattern;

/**
 * Classifies a tuple's user field (runbook §1.2, fred-stores.md §3.1): the Target keeps {@code user:<dashed-uuid>} and
 * {@code user:*}; a {@code user:<name>} subject is the dev factory's username twin and is dropped (or mapped). Subjects
 * of other types ({@code team:}, {@code tag:}, {@code organization:}, usersets) are kept as they are.
 */
public enum SubjectForm {
    UUID_USER, WILDCARD_USER, USERNAME_USER, OTHER;

    private static final Pattern DASHED_UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    public static SubjectForm of(String user) {
        if (!user.startsWith("user:")) {
            return OTHER;
        }
        String id = user.substring("user:".length());
        int hash = id.indexOf('#');
        if (hash >= 0) {
            id = id.substring(0, hash);
        }
        if (id.equals("*")) {
            return WILDCARD_USER;
        }
        return DASHED_UUID.matcher(id).matches() ? UUID_USER : USERNAME_USER;
    }

    public boolean kept() {
        return this != USERNAME_USER;
    }

    /** The username of a username-form subject ("user:alice" → "alice"). */
    public static String username(String user) {
        String id = user.substring("user:".length());
        int hash = id.indexOf('#');
        return hash >= 0 ? id.substring(0, hash) : id;
    }
}
