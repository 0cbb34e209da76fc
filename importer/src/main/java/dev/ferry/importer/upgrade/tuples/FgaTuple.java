package dev.ferry.importer.upgrade.tuples;

import dev.ferry.importer.upgrade.Uuids;
import java.util.Objects;

/**
 * One OpenFGA relationship tuple, {@code user relation object}, as kea stores it and as swift receives it. Neither
 * generation's model has conditions (docs/reference/fred-stores.md §3), so none is carried.
 */
public record FgaTuple(String user, String relation, String object) implements Comparable<FgaTuple> {

    public FgaTuple {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(relation, "relation");
        Objects.requireNonNull(object, "object");
    }

    public static FgaTuple of(String user, String relation, String object) {
        return new FgaTuple(user, relation, object);
    }

    /** The type of an OpenFGA reference {@code type:id} ({@code team} for {@code team:T}). */
    public static String typeOf(String ref) {
        int colon = ref.indexOf(':');
        return colon < 0 ? ref : ref.substring(0, colon);
    }

    /** The id of an OpenFGA reference {@code type:id}, without a userset's {@code #relation}. */
    public static String idOf(String ref) {
        int colon = ref.indexOf(':');
        String id = colon < 0 ? "" : ref.substring(colon + 1);
        int hash = id.indexOf('#');
        return hash < 0 ? id : id.substring(0, hash);
    }

    public String objectType() {
        return typeOf(object);
    }

    public String objectId() {
        return idOf(object);
    }

    public String userType() {
        return typeOf(user);
    }

    public String userId() {
        return idOf(user);
    }

    /** A userset subject such as {@code team:T#member}; neither kea nor swift writes them. */
    public boolean isUserset() {
        return user.indexOf('#') >= 0;
    }

    /** {@code user:*}: the typed wildcard, allowed only on {@code team#public}. */
    public boolean isWildcard() {
        return user.equals("user:*");
    }

    /** {@code user:<x>} where x is a username, not a Keycloak sub (the dev factory's duplicates, docs/reference/fred-stores.md §3.1). */
    public boolean isUsernameForm() {
        return userType().equals("user") && !isWildcard() && !isUserset() && !Uuids.isDashed(userId());
    }

    @Override
    public int compareTo(FgaTuple o) {
        int c = object.compareTo(o.object);
        if (c == 0) {
            c = relation.compareTo(o.relation);
        }
        return c == 0 ? user.compareTo(o.user) : c;
    }

    /** The reference's notation: {@code user relation object}. */
    @Override
    public String toString() {
        return user + " " + relation + " " + object;
    }
}
