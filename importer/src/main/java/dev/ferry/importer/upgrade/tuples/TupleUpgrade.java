package dev.ferry.importer.upgrade.tuples;

import static dev.ferry.importer.upgrade.tuples.TeamRoles.GROUP_MEMBER;
import static dev.ferry.importer.upgrade.tuples.TeamRoles.MANAGER;
import static dev.ferry.importer.upgrade.tuples.TeamRoles.MEMBER_TUPLE;
import static dev.ferry.importer.upgrade.tuples.TeamRoles.OWNER;
import static dev.ferry.importer.upgrade.tuples.TeamRoles.has;

import dev.ferry.importer.upgrade.Uuids;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The kea → swift OpenFGA mapping of docs/reference/fred-stores.md §3.2, as one function over a stream of kea tuples.
 *
 * <p>Per kea tuple:
 * <ul>
 *   <li>anything on {@code team:personal}, {@code tag … parent resource:…} and username-form subjects is dropped;
 *   <li>{@code owner team:T} → {@code team_admin} and {@code team_editor}; {@code manager} → {@code team_editor};
 *       {@code member} → {@code team_member}, only if the user has no higher role on T;
 *   <li>agent, tag and document tuples, {@code organization:fred organization team:T} and {@code user:* public team:T}
 *       are replayed 1:1, except {@code public} on a team kea marks private;
 *   <li>anything else swift's model does not accept is dropped ({@link SwiftModel}).
 * </ul>
 * From Keycloak: each group membership becomes {@code team_member} (unless already stored or elevated), app client
 * role {@code admin} → {@code platform_admin}, {@code viewer} → {@code platform_observer}; others are dropped.
 * Every written tuple on a {@code personal-<sub>} team must be one of the two sanctioned shapes ({@link PersonalTeams}).
 *
 * <p>Memory: agent, tag, document and organization tuples, the bulk of the set, go straight from the iterator to the
 * sink. Only team-role tuples are held back ({@link TeamRoles}), because whether a member tuple becomes
 * {@code team_member} depends on an owner or manager tuple that may come later; they are resolved per (team, user)
 * after the last kea tuple and written in sorted order. That set is bounded by the Keycloak memberships, which are an
 * input held in memory anyway. The team sets of the result are per team. The output never repeats a tuple, as long as
 * the input does not (an OpenFGA read never does).
 *
 * <p>Nothing here reads or writes a store: the caller feeds tuples read page by page and drains the sink.
 */
public final class TupleUpgrade {
    private final TupleUpgradeInputs inputs;

    public TupleUpgrade(TupleUpgradeInputs inputs) {
        this.inputs = inputs;
    }

    public TupleUpgradeResult run(Iterator<FgaTuple> keaTuples, TupleSink sink) {
        Run run = new Run(sink);
        keaTuples.forEachRemaining(run::stored);
        run.keycloak();
        run.teamRoles();
        return run.result();
    }

    /** A swift tuple and the rule that wrote it. */
    private record Out(Rule rule, FgaTuple tuple) {
    }

    /** The state of one run: counts, held-back team roles and the per-team sets. */
    private final class Run {
        private final TupleSink sink;
        private final TeamRoles roles = new TeamRoles();
        private final SortedSet<String> referencedTeams = new TreeSet<>();
        private final SortedSet<String> publicTeams = new TreeSet<>();
        private final Map<Rule, Long> written = new EnumMap<>(Rule.class);
        private final Map<DropReason, Long> droppedStored = new EnumMap<>(DropReason.class);
        private final Map<DropReason, Long> droppedContextual = new EnumMap<>(DropReason.class);
        private long storedRead;
        private long storedMapped;
        private long memberTuplesWithoutGroup;

        Run(TupleSink sink) {
            this.sink = sink;
        }

        void stored(FgaTuple t) {
            storedRead++;
            DropReason reason = preDrop(t);
            if (reason != null) {
                drop(t, reason, true);
                return;
            }
            switch (t.objectType()) {
                case "team" -> team(t);
                case "agent" -> emit(t, true, new Out(Rule.REPLAY_AGENT, t));
                case "tag" -> emit(t, true, new Out(Rule.REPLAY_TAG, t));
                case "document" -> emit(t, true, new Out(Rule.REPLAY_DOCUMENT, t));
                default -> drop(t, DropReason.NOT_IN_SWIFT_MODEL, true);
            }
        }

        private DropReason preDrop(FgaTuple t) {
            if (PersonalTeams.touchesKeaLiteral(t)) {
                return DropReason.PERSONAL_TEAM_LITERAL;
            }
            if (t.isUsernameForm()) {
                return DropReason.USERNAME_SUBJECT;
            }
            if (t.objectType().equals("resource") && t.relation().equals("parent")) {
                return DropReason.TAG_PARENT_RESOURCE;
            }
            return null;
        }

        private void team(FgaTuple t) {
            String team = t.objectId();
            int role = switch (t.relation()) {
                case "owner" -> OWNER;
                case "manager" -> MANAGER;
                case "member" -> MEMBER_TUPLE;
                default -> 0;
            };
            if (role != 0) {
                if (t.userType().equals("user") && Uuids.isDashed(t.userId()) && !t.isUserset()) {
                    roles.add(team, t.userId(), role);
                } else {
                    drop(t, DropReason.NOT_IN_SWIFT_MODEL, true);
                }
            } else if (t.relation().equals("public")) {
                if (inputs.privateTeams().contains(team)) {
                    drop(t, DropReason.PUBLIC_ON_PRIVATE_TEAM, true);
                } else {
                    emit(t, true, new Out(Rule.REPLAY_TEAM_PUBLIC, t));
                }
            } else if (t.relation().equals("organization")) {
                emit(t, true, new Out(Rule.REPLAY_TEAM_ORGANIZATION, t));
            } else {
                drop(t, DropReason.NOT_IN_SWIFT_MODEL, true);
            }
        }

        /** Group memberships into the held-back roles; platform roles and personal-team seeds straight out. */
        void keycloak() {
            inputs.groupMembers().forEach((group, subs) -> subs.forEach(sub -> {
                FgaTuple fact = FgaTuple.of("user:" + sub, "member", "team:" + group);
                DropReason reason = preDrop(fact);
                if (reason != null) {
                    drop(fact, reason, false);
                } else {
                    roles.add(group, sub, GROUP_MEMBER);
                }
            }));
            String org = "organization:" + inputs.organization();
            inputs.appClientRoles().forEach((role, subs) -> subs.forEach(sub -> {
                FgaTuple fact = FgaTuple.of("user:" + sub, role, org);
                if (fact.isUsernameForm()) {
                    drop(fact, DropReason.USERNAME_SUBJECT, false);
                    return;
                }
                switch (role) {
                    case "admin" -> emit(fact, false, new Out(Rule.PLATFORM_ADMIN_FROM_APP_ROLE, FgaTuple.of(fact.user(), "platform_admin", org)));
                    case "viewer" -> emit(fact, false, new Out(Rule.PLATFORM_OBSERVER_FROM_APP_ROLE, FgaTuple.of(fact.user(), "platform_observer", org)));
                    default -> drop(fact, DropReason.APP_ROLE_WITHOUT_EQUIVALENT, false);
                }
            }));
            for (String sub : inputs.personalTeamSeeds()) {
                List<FgaTuple> shapes = PersonalTeams.sanctioned(sub, inputs.organization());
                if (!Uuids.isDashed(sub)) {
                    drop(shapes.get(0), DropReason.USERNAME_SUBJECT, false);
                } else {
                    shapes.forEach(s -> emit(s, false, new Out(Rule.PERSONAL_TEAM_SEED, s)));
                }
            }
        }

        /** Each (team, user) gets the swift roles of its highest kea role, once. */
        void teamRoles() {
            roles.forEachSorted((team, sub, bits) -> {
                String user = "user:" + sub;
                String object = "team:" + team;
                boolean elevated = false;
                if (has(bits, OWNER)) {
                    elevated = emit(FgaTuple.of(user, "owner", object), true,
                            new Out(Rule.TEAM_ADMIN_FROM_OWNER, FgaTuple.of(user, "team_admin", object)),
                            new Out(Rule.TEAM_EDITOR_FROM_OWNER, FgaTuple.of(user, "team_editor", object)));
                }
                if (has(bits, MANAGER)) {
                    FgaTuple manager = FgaTuple.of(user, "manager", object);
                    if (elevated) {
                        drop(manager, DropReason.SUPERSEDED, true);
                    } else {
                        elevated = emit(manager, true, new Out(Rule.TEAM_EDITOR_FROM_MANAGER, FgaTuple.of(user, "team_editor", object)));
                    }
                }
                FgaTuple member = FgaTuple.of(user, "member", object);
                FgaTuple teamMember = FgaTuple.of(user, "team_member", object);
                if (has(bits, MEMBER_TUPLE)) {
                    if (elevated) {
                        drop(member, DropReason.SUPERSEDED, true);
                    } else {
                        emit(member, true, new Out(Rule.TEAM_MEMBER_FROM_MEMBER, teamMember));
                    }
                    if (!has(bits, GROUP_MEMBER)) {
                        memberTuplesWithoutGroup++;
                    }
                }
                if (has(bits, GROUP_MEMBER)) {
                    if (elevated) {
                        drop(member, DropReason.SUPERSEDED, false);
                    } else if (has(bits, MEMBER_TUPLE)) {
                        drop(member, DropReason.ALREADY_STORED, false);
                    } else {
                        emit(member, false, new Out(Rule.TEAM_MEMBER_FROM_GROUP, teamMember));
                    }
                }
            });
        }

        /**
         * Writes the swift tuple(s) of one kea tuple or fact: all of them, or none if swift would refuse any, so each
         * source is either mapped or dropped with one reason. Returns whether they were written.
         */
        private boolean emit(FgaTuple source, boolean stored, Out... outs) {
            for (Out o : outs) {
                DropReason reason = guard(o.tuple());
                if (reason != null) {
                    drop(source, reason, stored);
                    return false;
                }
            }
            for (Out o : outs) {
                sink.write(o.tuple());
                written.merge(o.rule(), 1L, Long::sum);
                noteTeams(o.tuple());
            }
            if (stored) {
                storedMapped++;
            }
            return true;
        }

        private DropReason guard(FgaTuple t) {
            if (PersonalTeams.onPersonalTeam(t) && !PersonalTeams.isSanctioned(t, inputs.organization())) {
                return DropReason.UNSANCTIONED_PERSONAL_TEAM_SHAPE;
            }
            return SwiftModel.accepts(t) ? null : DropReason.NOT_IN_SWIFT_MODEL;
        }

        private void noteTeams(FgaTuple t) {
            if (t.objectType().equals("team") && !PersonalTeams.isPersonal(t.objectId())) {
                referencedTeams.add(t.objectId());
                if (t.relation().equals("public")) {
                    publicTeams.add(t.objectId());
                }
            }
            if (t.userType().equals("team") && !PersonalTeams.isPersonal(t.userId())) {
                referencedTeams.add(t.userId());
            }
        }

        private void drop(FgaTuple t, DropReason reason, boolean stored) {
            (stored ? droppedStored : droppedContextual).merge(reason, 1L, Long::sum);
            sink.dropped(t, reason, stored);
        }

        TupleUpgradeResult result() {
            TupleTally tally = new TupleTally(storedRead, storedMapped, written, droppedStored, droppedContextual, memberTuplesWithoutGroup);
            return new TupleUpgradeResult(tally, Collections.unmodifiableSortedSet(referencedTeams), Collections.unmodifiableSortedSet(publicTeams));
        }
    }
}
