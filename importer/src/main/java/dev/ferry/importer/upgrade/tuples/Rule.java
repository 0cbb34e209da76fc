package dev.ferry.importer.upgrade.tuples;

/** The rule of docs/reference/fred-stores.md §3.2 that wrote a swift tuple; the tally counts written tuples per rule. */
public enum Rule {
    TEAM_ADMIN_FROM_OWNER(false, "kea owner → team_admin"),
    TEAM_EDITOR_FROM_OWNER(false, "kea owner → team_editor"),
    TEAM_EDITOR_FROM_MANAGER(false, "kea manager → team_editor"),
    TEAM_MEMBER_FROM_MEMBER(false, "kea member tuple → team_member"),
    TEAM_MEMBER_FROM_GROUP(true, "Keycloak group membership → team_member"),
    PLATFORM_ADMIN_FROM_APP_ROLE(true, "app client role admin → platform_admin"),
    PLATFORM_OBSERVER_FROM_APP_ROLE(true, "app client role viewer → platform_observer"),
    PERSONAL_TEAM_SEED(true, "a sanctioned personal-team tuple, pre-written on request"),
    REPLAY_TEAM_ORGANIZATION(false, "organization … organization team: replayed"),
    REPLAY_TEAM_PUBLIC(false, "user:* public team: replayed"),
    REPLAY_AGENT(false, "agent tuple replayed"),
    REPLAY_TAG(false, "tag tuple replayed"),
    REPLAY_DOCUMENT(false, "document tuple replayed");

    private final boolean synthesised;
    private final String description;

    Rule(boolean synthesised, String description) {
        this.synthesised = synthesised;
        this.description = description;
    }

    /** Written from Keycloak facts (or a request), not from a stored kea tuple. */
    public boolean synthesised() {
        return synthesised;
    }

    public String description() {
        return description;
    }
}
