package dev.ferry.importer.upgrade;

import java.util.regex.Pattern;

/** Keycloak subs, user agent ids and team ids are dashed UUIDs; kea's catalog agent ids and usernames are not. */
public final class Uuids {
    private static final Pattern DASHED = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Uuids() {
    }

    public static boolean isDashed(String value) {
        return value != null && DASHED.matcher(value).matches();
    }
}
