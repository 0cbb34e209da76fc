package dev.ferry.tests.generator;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Collects the tuples kea persists, then adds the dev factory's {@code user:<username>} twins and orphans. */
final class TupleSet {
    private final Set<FgaTuple> tuples = new LinkedHashSet<>();

    void add(String user, String relation, String object) {
        tuples.add(new FgaTuple(user, relation, object));
    }

    static String user(KeaUser user) {
        return "user:" + user.id();
    }

    static String team(String teamId) {
        return "team:" + teamId;
    }

    /**
     * The runbook's deployment seeded most users twice: every {@code user:<sub>} tuple of a twinned user also exists
     * as {@code user:<username>}. A few username tuples have no UUID twin at all (legacy seeds of users that never
     * logged in, or usernames not in the realm), so a filter must drop by shape, not by pairing.
     */
    List<FgaTuple> withUsernameForms(List<KeaUser> users, List<KeaTeam> teams, Draw draw) {
        Map<String, KeaUser> bySubject = users.stream()
                .collect(Collectors.toMap(TupleSet::user, Function.identity()));
        Set<String> twinned = users.stream().filter(u -> draw.chance(0.8)).map(TupleSet::user)
                .collect(Collectors.toSet());
        List<FgaTuple> out = new ArrayList<>(tuples);
        for (FgaTuple t : tuples) {
            if (twinned.contains(t.user())) {
                out.add(new FgaTuple("user:" + bySubject.get(t.user()).username(), t.relation(), t.object()));
            }
        }
        Set<FgaTuple> present = new LinkedHashSet<>(out);
        List<String> orphanNames = new ArrayList<>(List.of("legacy.admin", "demo"));
        users.stream().filter(u -> !twinned.contains(user(u))).limit(3).map(KeaUser::username)
                .forEach(orphanNames::add);
        int i = 0;
        for (String name : orphanNames) {
            FgaTuple orphan = new FgaTuple("user:" + name, "member", team(teams.get(i++ % teams.size()).id()));
            if (present.add(orphan)) {
                out.add(orphan);
            }
        }
        return out;
    }
}
