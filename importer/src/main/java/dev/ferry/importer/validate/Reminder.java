package dev.ferry.importer.validate;

import java.util.List;

/**
 * Work that needs a person after the load and that no check can do (re-vectorize OpenSearch, re-enter masked client
 * secrets, WebAuthn re-enrolment, password resets). A reminder never fails validation; it is listed so nobody forgets.
 *
 * @param id       stable identifier for --json, e.g. "keycloak.password-reset"
 * @param title    what to do, in one line
 * @param detail   why, and how
 * @param subjects who or what it concerns (user names, client ids); the terminal and JSON list them, the HTML report
 *                 for management gives only their number
 */
public record Reminder(String id, String title, String detail, List<String> subjects) {
    public Reminder {
        subjects = List.copyOf(subjects);
    }
}
