package dev.ferry.importer.validate.realm;

/**
 * The sections of validate's realm-wide comparison, in report order. Each becomes one check ({@link #checkId()}) and
 * the HTML and terminal reports group the checks under {@link #heading()}.
 */
public enum RealmSection {
    SETTINGS("settings", "Realm settings", "Login, registration, e-mail (without secrets), locales, events, required "
            + "credentials and actions, default roles, user profile and components other than keys"),
    ROLES("roles", "Roles", "Realm and client roles with descriptions, attributes and composites"),
    CLIENTS("clients", "Clients", "Client settings, redirect URIs, web origins, protocol mappers and secrets (by hash)"),
    CLIENT_SCOPES("client-scopes", "Clients", "Client scopes with their protocol mappers"),
    SCOPE_MAPPINGS("scope-mappings", "Clients", "Scope mappings and client-scope mappings"),
    AUTHORIZATION("authorization", "Clients", "Authorization settings: resources, scopes, policies and permissions"),
    GROUPS("groups", "Groups", "Groups with their ids, attributes and role mappings"),
    USERS("users", "Users", "Users with role mappings, groups, required actions and credential types"),
    SERVICE_ACCOUNTS("service-accounts", "Users", "Service-account users with their ids and role mappings"),
    IDENTITY_PROVIDERS("identity-providers", "Identity providers", "Identity providers and their mappers"),
    KEYS("keys", "Realm keys", "The realm's key ids, where the offline export carried the keys");

    private final String id;
    private final String heading;
    private final String title;

    RealmSection(String id, String heading, String title) {
        this.id = id;
        this.heading = heading;
        this.title = title;
    }

    /** The check's stable id, e.g. "keycloak.realm.roles". */
    public String checkId() {
        return "keycloak.realm." + id;
    }

    /** The report group it belongs to. */
    public String heading() {
        return heading;
    }

    /** What is compared, in words management can read. */
    public String title() {
        return title;
    }
}
