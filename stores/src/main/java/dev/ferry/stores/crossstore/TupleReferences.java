package dev.ferry.stores.crossstore;

import java.util.Set;
import java.util.TreeSet;

/**
 * The teams and documents that OpenFGA tuples name, gathered one tuple at a time so that neither side holds the tuple
 * set for it: a team as object or subject ({@code team:<id>}, {@code team:<id>#member}), a document as object.
 * kea's literal team "personal" (personal resources) is not a Keycloak group and is left out
 * (docs/reference/fred-stores.md §3.1).
 */
public final class TupleReferences {
    public static final String PERSONAL_TEAM = "personal";

    private final Set<String> teams = new TreeSet<>();
    private final Set<String> documents = new TreeSet<>();

    /** Adds a tuple given as its key or fingerprint line, "{@code <object>#<relation>@<user>}" (plus "|condition…"). */
    public void add(String tupleLine) {
        String object = objectOf(tupleLine);
        addId(object, "team", teams);
        addId(userOf(tupleLine), "team", teams);
        addId(object, "document", documents);
    }

    /** Team ids, sorted, without "personal". */
    public Set<String> teams() {
        Set<String> t = new TreeSet<>(teams);
        t.remove(PERSONAL_TEAM);
        return t;
    }

    /** Document ids (kea's document_uid), sorted. */
    public Set<String> documents() {
        return documents;
    }

    static String objectOf(String line) {
        return line.substring(0, line.indexOf('#'));
    }

    static String userOf(String line) {
        int at = line.indexOf('@', line.indexOf('#'));
        int bar = line.indexOf('|', at);
        String user = (bar < 0 ? line.substring(at + 1) : line.substring(at + 1, bar)).strip();
        int hash = user.indexOf('#');
        return hash < 0 ? user : user.substring(0, hash);
    }

    private static void addId(String ref, String type, Set<String> out) {
        if (ref.startsWith(type + ":")) {
            out.add(ref.substring(type.length() + 1));
        }
    }
}
