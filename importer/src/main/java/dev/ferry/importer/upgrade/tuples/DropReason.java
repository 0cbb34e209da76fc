package dev.ferry.importer.upgrade.tuples;

/**
 * Why a kea tuple, or a Keycloak fact kea injected as a contextual tuple, yields no swift tuple. Every one is counted
 * and reported: nothing is dropped silently.
 */
public enum DropReason {
    PERSONAL_TEAM_LITERAL("touches kea's shared team:personal; swift self-heals each personal-<sub> team"),
    TAG_PARENT_RESOURCE("tag … parent resource: — kea's resource libraries are not carried into swift's model"),
    USERNAME_SUBJECT("the subject is a username (user:<name>), not a Keycloak sub"),
    NOT_IN_SWIFT_MODEL("the relation or subject type is not directly assignable in swift's model"),
    PUBLIC_ON_PRIVATE_TEAM("user:* public on a team kea marks private; the upgrade never makes a private team public"),
    UNSANCTIONED_PERSONAL_TEAM_SHAPE("not one of the two shapes swift allows on a team:personal-<sub>"),
    SUPERSEDED("the user holds a higher role on the team: owner implies manager and member, manager implies member"),
    ALREADY_STORED("the Keycloak group membership is already carried by a stored member tuple"),
    APP_ROLE_WITHOUT_EQUIVALENT("an app client role with no swift platform role (editor, or a role Fred does not know)");

    private final String description;

    DropReason(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
