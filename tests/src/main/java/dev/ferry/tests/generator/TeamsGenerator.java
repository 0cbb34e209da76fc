package dev.ferry.tests.generator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Team relations (owner, manager, persisted members, public, organization), the {@code teammetadata} rows of
 * customised teams with their banner objects, and the GCU acceptances in {@code users}.
 */
final class TeamsGenerator {
    private final Draw draw;

    TeamsGenerator(Draw draw) {
        this.draw = draw;
    }

    void tuples(List<KeaTeam> teams, List<KeaUser> users, TupleSet tuples) {
        tuples.add("organization:fred", "organization", "team:personal");
        for (KeaTeam team : teams) {
            String t = TupleSet.team(team.id());
            tuples.add("organization:fred", "organization", t);
            if (!team.isPrivate()) {
                tuples.add("user:*", "public", t);
            }
            List<KeaUser> members = users.stream().filter(u -> u.teamIds().contains(team.id())).toList();
            for (int i = 0; i < members.size(); i++) {
                String u = TupleSet.user(members.get(i));
                if (i == 0) {
                    tuples.add(u, "owner", t);
                } else if (i == 1) {
                    tuples.add(u, "manager", t);
                } else if (draw.chance(0.5)) {
                    // Only members added through Fred's UI have a tuple; the rest exist only as group members.
                    tuples.add(u, "member", t);
                }
            }
        }
    }

    /** Roughly every third team is customised; most customised teams have a banner, one links to a URL. */
    SqlTable teamMetadata(List<KeaTeam> teams, Map<String, String> bannerKeys) {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < teams.size(); i += 3) {
            KeaTeam team = teams.get(i);
            String banner = bannerKeys.get(team.id());
            if (banner == null && i == 3) {
                banner = "https://cdn.example.test/banners/" + team.name() + ".png";
            }
            var created = draw.time();
            rows.add(Row.of(team.id(), "Équipe " + team.name() + " — espace de travail partagé", team.isPrivate(),
                    banner, created, draw.after(created)));
        }
        return Row.table("teammetadata", Row.columns("id", SqlType.TEXT, "description", SqlType.TEXT, "is_private",
                SqlType.BOOLEAN, "banner_object_storage_key", SqlType.TEXT, "created_at", SqlType.TIMESTAMPTZ,
                "updated_at", SqlType.TIMESTAMPTZ), rows);
    }

    /** The teams that get a banner object: customised teams except the one whose banner is a URL. */
    static List<KeaTeam> bannerTeams(List<KeaTeam> teams) {
        List<KeaTeam> out = new ArrayList<>();
        for (int i = 0; i < teams.size(); i += 3) {
            if (i != 3) {
                out.add(teams.get(i));
            }
        }
        return out;
    }

    SqlTable gcuAcceptances(List<KeaUser> users) {
        List<List<Object>> rows = new ArrayList<>();
        for (KeaUser user : users) {
            if (draw.chance(0.6)) {
                var accepted = draw.time();
                rows.add(Row.of(user.id(), "V1", accepted, accepted, draw.after(accepted)));
            }
        }
        return Row.table("users", Row.columns("id", SqlType.UUID, "gcuVersionAccepted", SqlType.GCU_VERSION,
                "gcuAcceptedAt", SqlType.TIMESTAMPTZ, "created_at", SqlType.TIMESTAMPTZ, "updated_at",
                SqlType.TIMESTAMPTZ), rows);
    }
}
