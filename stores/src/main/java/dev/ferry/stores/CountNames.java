package dev.ferry.stores;

/**
 * The names of the counts the manifest carries per store (docs/bundle-contents.md), which the export writes and the
 * load and validate read back and compare with what landed. One definition, so "what left" and "what landed" are
 * counted under the same names: a renamed count would otherwise make validate compare nothing, silently.
 */
public final class CountNames {
    // postgres
    /** Rows of all carried tables. */
    public static final String ROWS = "rows";
    /** Tables carried. */
    public static final String TABLES = "tables";

    // keycloak
    public static final String USERS = "users";
    /** Groups (kea's teams) at every depth. */
    public static final String GROUPS = "groups";
    /** Group memberships of the carried users. */
    public static final String MEMBERSHIPS = "memberships";
    public static final String CLIENTS = "clients";
    /** Realm roles plus every client's roles. */
    public static final String ROLES = "roles";
    /** Users whose password hash is not carried: they must set a new password. */
    public static final String USERS_PASSWORD_RESET = "users:password-reset";
    /** Users with a WebAuthn credential: they must re-enrol it. */
    public static final String USERS_WEBAUTHN = "users:webauthn";
    /** Service-account users carried in realm.json with their ids (partial-export lists them; GET /users does not). */
    public static final String SERVICE_ACCOUNTS = "service-accounts";
    /** Values the API path left out of realm.json (keycloak/left-out.json): masked secrets, realm keys. */
    public static final String LEFT_OUT = "left-out";
    /** Users of the offline kc.sh export. */
    public static final String OFFLINE_USERS = "offline-users";
    /** Differences between the Admin API read and the offline export. */
    public static final String CROSSCHECK_DIFFERENCES = "crosscheck-differences";

    // openfga
    public static final String MODELS = "models";
    public static final String TUPLES = "tuples";
    /** Tuples whose subject is a username ({@code user:alice}): the import drops or maps them. */
    public static final String TUPLES_USERNAME_FORM = "tuples:username-form";
    /** The tuples a Target holds after the import's subject filter (validate's expected and actual). */
    public static final String TUPLES_AFTER_FILTER = "tuples:after-filter";

    // objects
    public static final String BUCKETS = "buckets";
    public static final String OBJECTS = "objects";
    /** Object bytes. */
    public static final String BYTES = "bytes";

    private static final String ROWS_OF = ROWS + ":";
    private static final String OBJECTS_OF_BUCKET = OBJECTS + ":bucket-";

    private CountNames() {
    }

    /** The rows of one table, e.g. "rows:agent". */
    public static String rowsOf(String table) {
        return ROWS_OF + table;
    }

    /** Whether a count is one table's rows (summaries leave those out of the one-line totals). */
    public static boolean isRowsOfATable(String name) {
        return name.startsWith(ROWS_OF);
    }

    /** The objects of the {@code index}-th bucket (from 1), e.g. "objects:bucket-2". */
    public static String objectsOfBucket(int index) {
        return OBJECTS_OF_BUCKET + index;
    }
}
