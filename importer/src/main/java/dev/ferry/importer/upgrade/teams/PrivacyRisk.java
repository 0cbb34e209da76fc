package dev.ferry.importer.upgrade.teams;

/**
 * A team that every user will be able to read in swift although kea kept it from non-members: swift drops
 * {@code is_private} and grants {@code user:* public} to every team lazily (docs/reference/fred-stores.md §2, §3.2). The plan and
 * the report list these under "needs a person": the risk is accepted or resolved before the ingress switch. The
 * upgrade never writes a {@code public} tuple for them.
 */
public record PrivacyRisk(String teamId, String name, Kind kind) {

    public enum Kind {
        PRIVATE_IN_KEA("kea marks it private (teammetadata.is_private)"),
        NO_PUBLIC_TUPLE("kea has no user:* public tuple for it, so only its members could read it");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    public String sentence() {
        return "team " + name + " (" + teamId + "): " + kind.description() + "; swift makes every team readable by every user";
    }
}
