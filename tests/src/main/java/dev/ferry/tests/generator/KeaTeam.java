package dev.ferry.tests.generator;

/** A kea team: a Keycloak root group whose UUID is the team id used by tuples, rows and banner keys. */
public record KeaTeam(String id, String name, boolean isPrivate) {

    /** The group path users' memberships name. */
    public String path() {
        return "/" + name;
    }
}
