package dev.ferry.importer.upgrade.tuples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class TupleUpgradeTest {
    static final String A = "3f6c2a1e-9b4d-4e7a-8c21-5d0f7a9e1b42";
    static final String B = "b7e41c09-2d5a-4f88-a3c6-0e9d1f2b7a65";
    static final String C = "0c5d7e9f-1a2b-4c3d-8e4f-5a6b7c8d9e0f";
    static final String T = "6a1f3c2e-7d44-4b0a-9e15-c8b2d4f6a301";
    static final String T2 = "11111111-2222-4333-8444-555555555555";

    /** Collects what a run writes and drops. */
    static final class Collected implements TupleSink {
        final List<FgaTuple> written = new ArrayList<>();
        final List<String> dropped = new ArrayList<>();

        @Override
        public void write(FgaTuple swift) {
            written.add(swift);
        }

        @Override
        public void dropped(FgaTuple kea, DropReason reason, boolean stored) {
            dropped.add(kea + " " + reason + (stored ? "" : " (keycloak)"));
        }

        Set<FgaTuple> set() {
            return new TreeSet<>(written);
        }
    }

    static FgaTuple t(String user, String relation, String object) {
        return FgaTuple.of(user, relation, object);
    }

    static TupleUpgradeInputs none() {
        return TupleUpgradeInputs.of(Map.of(), Map.of(), Set.of());
    }

    static TupleUpgradeResult run(TupleUpgradeInputs inputs, Collected sink, FgaTuple... kea) {
        return new TupleUpgrade(inputs).run(List.of(kea).iterator(), sink);
    }

    static Set<FgaTuple> set(FgaTuple... tuples) {
        return new TreeSet<>(List.of(tuples));
    }

    @Test
    void ownerBecomesTeamAdminAndTeamEditor() {
        Collected out = new Collected();
        TupleUpgradeResult r = run(none(), out, t("user:" + A, "owner", "team:" + T));
        assertEquals(set(t("user:" + A, "team_admin", "team:" + T), t("user:" + A, "team_editor", "team:" + T)), out.set());
        assertEquals(1, r.tally().written(Rule.TEAM_ADMIN_FROM_OWNER));
        assertEquals(1, r.tally().written(Rule.TEAM_EDITOR_FROM_OWNER));
        assertEquals(1, r.tally().storedMapped());
    }

    @Test
    void managerBecomesTeamEditor() {
        Collected out = new Collected();
        TupleUpgradeResult r = run(none(), out, t("user:" + A, "manager", "team:" + T));
        assertEquals(set(t("user:" + A, "team_editor", "team:" + T)), out.set());
        assertEquals(1, r.tally().written(Rule.TEAM_EDITOR_FROM_MANAGER));
    }

    @Test
    void memberBecomesTeamMember() {
        Collected out = new Collected();
        TupleUpgradeResult r = run(none(), out, t("user:" + B, "member", "team:" + T));
        assertEquals(set(t("user:" + B, "team_member", "team:" + T)), out.set());
        assertEquals(1, r.tally().written(Rule.TEAM_MEMBER_FROM_MEMBER));
    }

    @Test
    void aMemberWhoOwnsTheTeamGetsNoTeamMemberEvenWhenTheMemberTupleComesFirst() {
        Collected out = new Collected();
        TupleUpgradeResult r = run(none(), out, t("user:" + A, "member", "team:" + T), t("user:" + A, "owner", "team:" + T));
        assertEquals(set(t("user:" + A, "team_admin", "team:" + T), t("user:" + A, "team_editor", "team:" + T)), out.set());
        assertEquals(1, r.tally().droppedStored(DropReason.SUPERSEDED));
        assertEquals(List.of("user:" + A + " member team:" + T + " SUPERSEDED"), out.dropped);
    }

    @Test
    void aMemberWhoManagesTheTeamGetsNoTeamMember() {
        Collected out = new Collected();
        run(none(), out, t("user:" + B, "member", "team:" + T), t("user:" + B, "manager", "team:" + T));
        assertEquals(set(t("user:" + B, "team_editor", "team:" + T)), out.set());
    }

    @Test
    void anOwnerWhoIsAlsoManagerGetsTeamEditorOnce() {
        Collected out = new Collected();
        TupleUpgradeResult r = run(none(), out, t("user:" + A, "manager", "team:" + T), t("user:" + A, "owner", "team:" + T));
        assertEquals(List.of(t("user:" + A, "team_admin", "team:" + T), t("user:" + A, "team_editor", "team:" + T)), out.written);
        assertEquals(1, r.tally().droppedStored(DropReason.SUPERSEDED));
        assertEquals(0, r.tally().written(Rule.TEAM_EDITOR_FROM_MANAGER));
    }

    @Test
    void plainMembersAreSynthesisedFromKeycloakGroups() {
        Collected out = new Collected();
        TupleUpgradeResult r = run(TupleUpgradeInputs.of(Map.of(T, Set.of(B, C)), Map.of(), Set.of()), out);
        assertEquals(set(t("user:" + B, "team_member", "team:" + T), t("user:" + C, "team_member", "team:" + T)), out.set());
        assertEquals(2, r.tally().written(Rule.TEAM_MEMBER_FROM_GROUP));
        assertEquals(2, r.tally().totalSynthesised());
        assertEquals(0, r.tally().storedRead());
        assertEquals(Set.of(T), r.referencedTeams());
    }

    @Test
    void aGroupMemberWithAStoredMemberTupleIsWrittenOnce() {
        Collected out = new Collected();
        TupleUpgradeResult r = run(TupleUpgradeInputs.of(Map.of(T, Set.of(B)), Map.of(), Set.of()), out, t("user:" + B, "member", "team:" + T));
        assertEquals(List.of(t("user:" + B, "team_member", "team:" + T)), out.written);
        assertEquals(1, r.tally().written(Rule.TEAM_MEMBER_FROM_MEMBER));
        assertEquals(0, r.tally().written(Rule.TEAM_MEMBER_FROM_GROUP));
        assertEquals(1, r.tally().droppedContextual(DropReason.ALREADY_STORED));
    }

    @Test
    void aGroupMemberWhoOwnsTheTeamIsNotMadeTeamMember() {
        Collected out = new Collected();
        TupleUpgradeResult r = run(TupleUpgradeInputs.of(Map.of(T, Set.of(A)), Map.of(), Set.of()), out, t("user:" + A, "owner", "team:" + T));
        assertEquals(set(t("user:" + A, "team_admin", "team:" + T), t("user:" + A, "team_editor", "team:" + T)), out.set());
        assertEquals(1, r.tally().droppedContextual(DropReason.SUPERSEDED));
    }

    @Test
    void aStoredMemberWhoLeftTheGroupIsKeptAndCounted() {
        Collected out = new Collected();
        TupleUpgradeResult r = run(TupleUpgradeInputs.of(Map.of(T, Set.of(C)), Map.of(), Set.of()), out, t("user:" + B, "member", "team:" + T));
        assertTrue(out.set().contains(t("user:" + B, "team_member", "team:" + T)));
        assertEquals(1, r.tally().memberTuplesWithoutGroup());
    }

    @Test
    void appClientRoleAdminBecomesPlatformAdminAndViewerPlatformObserver() {
        Collected out = new Collected();
        TupleUpgradeResult r = run(TupleUpgradeInputs.of(Map.of(), Map.of("admin", Set.of(A), "viewer", Set.of(B)), Set.of()), out);
        assertEquals(set(t("user:" + A, "platform_admin", "organization:fred"), t("user:" + B, "platform_observer", "organization:fred")), out.set());
        assertEquals(1, r.tally().written(Rule.PLATFORM_ADMIN_FROM_APP_ROLE));
        assertEquals(1, r.tally().written(Rule.PLATFORM_OBSERVER_FROM_APP_ROLE));
    }

    @Test
    void appClientRoleEditorAndUnknownRolesAreDroppedAndReported() {
        Collected out = new Collected();
        TupleUpgradeResult r = run(TupleUpgradeInputs.of(Map.of(), Map.of("editor", Set.of(A), "uma_protection", Set.of(B)), Set.of()), out);
        assertEquals(List.of(), out.written);
        assertEquals(2, r.tally().droppedContextual(DropReason.APP_ROLE_WITHOUT_EQUIVALENT));
        assertEquals(List.of("user:" + A + " editor organization:fred APP_ROLE_WITHOUT_EQUIVALENT (keycloak)",
                "user:" + B + " uma_protection organization:fred APP_ROLE_WITHOUT_EQUIVALENT (keycloak)"), out.dropped);
    }

    @Test
    void theOrganizationObjectIsAnInput() {
        Collected out = new Collected();
        run(new TupleUpgradeInputs(Map.of(), Map.of("admin", Set.of(A)), Set.of(), Set.of(), "acme"), out);
        assertEquals(List.of(t("user:" + A, "platform_admin", "organization:acme")), out.written);
    }

    @Test
    void agentTagDocumentAndTeamOrganizationAndPublicTuplesAreReplayedOneToOne() {
        FgaTuple[] kea = {
            t("team:" + T, "owner", "agent:ag1"), t("user:" + B, "owner", "agent:ag2"),
            t("team:" + T, "owner", "tag:tg"), t("user:" + A, "editor", "tag:tg"), t("team:" + T2, "viewer", "tag:tg"), t("tag:tg", "parent", "tag:tg2"),
            t("tag:tg", "parent", "document:d1"),
            t("organization:fred", "organization", "team:" + T), t("user:*", "public", "team:" + T)};
        Collected out = new Collected();
        TupleUpgradeResult r = run(none(), out, kea);
        assertEquals(List.of(kea), out.written);
        assertEquals(2, r.tally().written(Rule.REPLAY_AGENT));
        assertEquals(4, r.tally().written(Rule.REPLAY_TAG));
        assertEquals(1, r.tally().written(Rule.REPLAY_DOCUMENT));
        assertEquals(1, r.tally().written(Rule.REPLAY_TEAM_ORGANIZATION));
        assertEquals(1, r.tally().written(Rule.REPLAY_TEAM_PUBLIC));
        assertEquals(Set.of(T, T2), r.referencedTeams());
        assertEquals(Set.of(T), r.teamsMadePublic());
    }

    @Test
    void anythingOnTeamPersonalIsDropped() {
        Collected out = new Collected();
        TupleUpgradeResult r = run(none(), out, t("organization:fred", "organization", "team:personal"), t("user:" + A, "member", "team:personal"),
                t("team:personal", "owner", "tag:tg"), t("team:personal", "owner", "agent:ag"));
        assertEquals(List.of(), out.written);
        assertEquals(4, r.tally().droppedStored(DropReason.PERSONAL_TEAM_LITERAL));
    }

    @Test
    void aKeycloakGroupCalledPersonalIsDroppedToo() {
        Collected out = new Collected();
        TupleUpgradeResult r = run(TupleUpgradeInputs.of(Map.of("personal", Set.of(A)), Map.of(), Set.of()), out);
        assertEquals(List.of(), out.written);
        assertEquals(1, r.tally().droppedContextual(DropReason.PERSONAL_TEAM_LITERAL));
    }

    @Test
    void tagParentResourceIsDropped() {
        Collected out = new Collected();
        TupleUpgradeResult r = run(none(), out, t("tag:tg2", "parent", "resource:r1"));
        assertEquals(List.of(), out.written);
        assertEquals(1, r.tally().droppedStored(DropReason.TAG_PARENT_RESOURCE));
    }

    @Test
    void usernameFormSubjectsAreDroppedWhereverTheyComeFrom() {
        Collected out = new Collected();
        TupleUpgradeResult r = run(TupleUpgradeInputs.of(Map.of(T, Set.of("bob")), Map.of("admin", Set.of("alice")), Set.of()), out,
                t("user:alice", "owner", "team:" + T), t("user:alice", "owner", "agent:ag1"), t("user:alice", "viewer", "tag:tg"));
        assertEquals(List.of(), out.written);
        assertEquals(3, r.tally().droppedStored(DropReason.USERNAME_SUBJECT));
        assertEquals(2, r.tally().droppedContextual(DropReason.USERNAME_SUBJECT));
    }

    @Test
    void personalTeamSeedsWriteExactlyTheTwoSanctionedShapes() {
        Collected out = new Collected();
        TupleUpgradeResult r = run(none().withPersonalTeamSeeds(Set.of(B)), out);
        assertEquals(set(t("user:" + B, "team_editor", "team:personal-" + B), t("organization:fred", "organization", "team:personal-" + B)), out.set());
        assertEquals(2, r.tally().written(Rule.PERSONAL_TEAM_SEED));
        assertEquals(Set.of(), r.referencedTeams(), "personal teams get no teammetadata row");
    }

    @Test
    void nothingElseIsEverWrittenOnAPersonalTeam() {
        Collected out = new Collected();
        TupleUpgradeResult r = run(TupleUpgradeInputs.of(Map.of("personal-" + B, Set.of(B, C)), Map.of(), Set.of()), out,
                t("organization:fred", "organization", "team:personal-" + A),
                t("user:" + A, "owner", "team:personal-" + A),
                t("user:" + C, "member", "team:personal-" + A),
                t("user:*", "public", "team:personal-" + A));
        assertEquals(List.of(t("organization:fred", "organization", "team:personal-" + A)), out.written);
        assertEquals(3, r.tally().droppedStored(DropReason.UNSANCTIONED_PERSONAL_TEAM_SHAPE));
        assertEquals(2, r.tally().droppedContextual(DropReason.UNSANCTIONED_PERSONAL_TEAM_SHAPE));
        for (FgaTuple w : out.written) {
            assertTrue(PersonalTeams.isSanctioned(w, "fred"), w::toString);
        }
    }

    @Test
    void aPrivateTeamNeverGetsAPublicTuple() {
        Collected out = new Collected();
        TupleUpgradeResult r = run(TupleUpgradeInputs.of(Map.of(), Map.of(), Set.of(T)), out,
                t("user:*", "public", "team:" + T), t("user:*", "public", "team:" + T2), t("organization:fred", "organization", "team:" + T));
        assertEquals(List.of(t("user:*", "public", "team:" + T2), t("organization:fred", "organization", "team:" + T)), out.written);
        assertEquals(1, r.tally().droppedStored(DropReason.PUBLIC_ON_PRIVATE_TEAM));
        assertEquals(Set.of(T2), r.teamsMadePublic());
        assertEquals(Set.of(T, T2), r.referencedTeams());
    }

    @Test
    void whatSwiftsModelRefusesIsDropped() {
        Collected out = new Collected();
        TupleUpgradeResult r = run(none(), out,
                t("user:" + A, "admin", "organization:fred"),
                t("user:" + A, "viewer", "document:d1"),
                t("team:" + T + "#member", "viewer", "tag:tg"),
                t("team:" + T + "#member", "member", "team:" + T2),
                t("user:" + A, "can_read", "team:" + T),
                t("user:*", "owner", "tag:tg"),
                t("user:" + A, "viewer", "folder:f1"));
        assertEquals(List.of(), out.written);
        assertEquals(7, r.tally().droppedStored(DropReason.NOT_IN_SWIFT_MODEL));
    }

    @Test
    void everyStoredTupleIsAccountedExactlyOnce() {
        List<FgaTuple> kea = mixture();
        Collected out = new Collected();
        TupleUpgradeResult r = new TupleUpgrade(mixtureInputs()).run(kea.iterator(), out);
        TupleTally tally = r.tally();
        assertEquals(kea.size(), tally.storedRead());
        assertEquals(tally.storedRead(), tally.storedMapped() + tally.totalDroppedStored());
        assertEquals(out.written.size(), tally.totalWritten());
        long droppedStoredReported = out.dropped.stream().filter(d -> !d.endsWith("(keycloak)")).count();
        assertEquals(tally.totalDroppedStored(), droppedStoredReported);
    }

    @Test
    void theOutputNeverRepeatsATupleAndDoesNotDependOnTheReadOrder() {
        List<FgaTuple> kea = mixture();
        Collected first = new Collected();
        TupleUpgradeResult expected = new TupleUpgrade(mixtureInputs()).run(kea.iterator(), first);
        assertEquals(first.written.size(), new HashSet<>(first.written).size(), "a tuple written twice");
        for (long seed = 1; seed <= 5; seed++) {
            List<FgaTuple> shuffled = new ArrayList<>(kea);
            Collections.shuffle(shuffled, new Random(seed));
            Collected again = new Collected();
            TupleUpgradeResult r = new TupleUpgrade(mixtureInputs()).run(shuffled.iterator(), again);
            assertEquals(first.set(), again.set(), "seed " + seed);
            assertEquals(expected, r, "seed " + seed);
        }
    }

    @Test
    void bulkTuplesGoStraightToTheSinkWithoutBeingHeld() {
        Collected out = new Collected();
        int n = 10_000;
        Iterator<FgaTuple> documents = new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return i < n;
            }

            @Override
            public FgaTuple next() {
                if (i >= n) {
                    throw new NoSuchElementException();
                }
                // When the i-th tuple is asked for, every earlier one must already have been written.
                assertEquals(i, out.written.size(), "tuples held back before tuple " + i);
                return t("tag:tg", "parent", "document:d" + i++);
            }
        };
        TupleUpgradeResult r = new TupleUpgrade(none()).run(documents, out);
        assertEquals(n, r.tally().written(Rule.REPLAY_DOCUMENT));
    }

    @Test
    void theTallyStatesTheSameCountsWhateverIsListening() {
        TupleUpgradeResult counted = new TupleUpgrade(mixtureInputs()).run(mixture().iterator(), new TupleSink() {
            @Override
            public void write(FgaTuple swift) {
            }
        });
        Collected out = new Collected();
        assertEquals(counted, new TupleUpgrade(mixtureInputs()).run(mixture().iterator(), out));
        assertFalse(out.dropped.isEmpty());
    }

    static TupleUpgradeInputs mixtureInputs() {
        return TupleUpgradeInputs.of(Map.of(T, Set.of(A, B, C), T2, Set.of(C)), Map.of("admin", Set.of(A), "viewer", Set.of(B, C), "editor", Set.of(C)),
                Set.of(T2));
    }

    static List<FgaTuple> mixture() {
        return List.of(
                t("user:" + A, "owner", "team:" + T), t("user:" + A, "member", "team:" + T), t("user:" + B, "manager", "team:" + T),
                t("user:" + B, "member", "team:" + T), t("user:" + C, "member", "team:" + T2), t("user:alice", "owner", "team:" + T),
                t("organization:fred", "organization", "team:" + T), t("organization:fred", "organization", "team:personal"),
                t("user:*", "public", "team:" + T), t("user:*", "public", "team:" + T2), t("team:" + T, "owner", "agent:ag1"),
                t("user:" + B, "owner", "agent:ag2"), t("team:" + T, "owner", "tag:tg"), t("tag:tg", "parent", "tag:tg2"),
                t("tag:tg", "parent", "document:d1"), t("tag:tg2", "parent", "resource:r1"), t("user:" + A, "admin", "organization:fred"),
                t("user:" + C, "member", "team:personal-" + C));
    }
}
