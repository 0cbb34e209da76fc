package dev.ferry.stores.keycloak;

/**
 * How the store "keycloak" is laid out in the bundle (docs/bundle-contents.md). The exporter writes these names; the
 * load and validate read them.
 */
public final class RealmEntries {
    /** The realm without users: settings, roles, groups with ids, clients with secrets, "ferryUserProfile". */
    public static final String REALM = "realm.json";
    /** One user per line, the Admin API's view: ids, attributes, groups, roles, ferry* flags. */
    public static final String USERS = "users.jsonl";
    /** The offline kc.sh export (password hashes, TOTP secrets), when the operator gave one. */
    public static final String OFFLINE_EXPORT = "offline-export.json";
    /** The differences between the Admin API read and the offline export. */
    public static final String CROSSCHECK = "crosscheck.json";
    /**
     * What the API path did not carry (masked secrets, realm keys): a JSON array of {@link LeftOutValues} records.
     * Names the value and its holder, never the value. Absent from bundles written before it existed: read as empty.
     */
    public static final String LEFT_OUT = "left-out.json";

    private RealmEntries() {
    }
}
