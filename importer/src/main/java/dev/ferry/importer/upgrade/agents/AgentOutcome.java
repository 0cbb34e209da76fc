package dev.ferry.importer.upgrade.agents;

import dev.ferry.importer.upgrade.rows.TargetRow;
import java.util.List;

/**
 * What becomes of one kea agent (docs/reference/fred-stores.md §5.3 with the #1954 semantics). Only a user agent can be a GAP, and
 * a GAP blocks the cutover; platform-seeded rows are SKIPPED and never count as one.
 */
public sealed interface AgentOutcome {

    enum Status { MAPPED, IGNORED, GAP, SKIPPED }

    String agentId();

    Status status();

    /**
     * An {@code agent_instance} to write.
     *
     * @param keaTemplate the kea {@code definition_ref} or {@code class_path} it was mapped from
     * @param teamSource  where its {@code team_id} came from
     * @param notes       what of the kea agent swift does not carry, for the plan (never a secret: keys, not values)
     */
    record Mapped(String agentId, TargetRow row, String keaTemplate, TeamSource teamSource, List<String> notes) implements AgentOutcome {
        public Mapped {
            notes = List.copyOf(notes);
        }

        @Override
        public Status status() {
            return Status.MAPPED;
        }
    }

    /** A sample agent, left behind on purpose. */
    record Ignored(String agentId, String displayName, String keaTemplate) implements AgentOutcome {
        @Override
        public Status status() {
            return Status.IGNORED;
        }
    }

    /** A user agent swift cannot host as mapped: a person must resolve it before the cutover. */
    record Gap(String agentId, String displayName, String keaTemplate, String reason) implements AgentOutcome {
        @Override
        public Status status() {
            return Status.GAP;
        }
    }

    /** A row that is not a user agent: swift's deployment re-seeds what it needs. */
    record Skipped(String agentId, SkipKind kind) implements AgentOutcome {
        @Override
        public Status status() {
            return Status.SKIPPED;
        }
    }

    enum SkipKind {
        SEED_ROW("the __static_seeded__ marker row"),
        LEADER("a legacy leader row (kea ignores them too)"),
        CATALOG("a platform-seeded catalog agent (its id is a short name, not a UUID): swift's runtime catalog re-seeds it");

        private final String description;

        SkipKind(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    enum TeamSource {
        TEAM_OWNER_TUPLE("team:<id> owner agent:<id>"),
        USER_OWNER_TUPLE("user:<sub> owner agent:<id> (a personal agent)"),
        PAYLOAD_TEAM_ID("payload_json.team_id: the agent has no owner tuple");

        private final String description;

        TeamSource(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }
}
