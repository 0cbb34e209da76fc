package dev.ferry.importer.upgrade.tuples;

import java.util.List;

/**
 * swift's personal teams (docs/reference/fred-stores.md §3.2, §5.2): {@code team:personal-<sub>} may carry exactly two shapes,
 * {@code user:<sub> team_editor} and {@code organization:<org> organization}; swift refuses every other write
 * ({@code _reject_unsanctioned_personal_team_write}). kea's shared literal {@code team:personal} has no swift meaning.
 */
public final class PersonalTeams {
    public static final String KEA_LITERAL = "personal";
    public static final String PREFIX = "personal-";

    private PersonalTeams() {
    }

    public static String teamId(String sub) {
        return PREFIX + sub;
    }

    public static boolean isPersonal(String teamId) {
        return teamId.startsWith(PREFIX);
    }

    /** The shapes swift sanctions on {@code personal-<sub>}. */
    public static List<FgaTuple> sanctioned(String sub, String organization) {
        String team = "team:" + teamId(sub);
        return List.of(FgaTuple.of("user:" + sub, "team_editor", team), FgaTuple.of("organization:" + organization, "organization", team));
    }

    /** Whether a tuple on a personal team is one of the two sanctioned shapes. */
    public static boolean isSanctioned(FgaTuple t, String organization) {
        String sub = t.objectId().substring(PREFIX.length());
        return !sub.isEmpty() && sanctioned(sub, organization).contains(t);
    }

    /** Whether the tuple touches a personal team of swift as its object. */
    public static boolean onPersonalTeam(FgaTuple t) {
        return t.objectType().equals("team") && isPersonal(t.objectId());
    }

    /** Whether the tuple touches kea's {@code team:personal}, as object or subject. */
    public static boolean touchesKeaLiteral(FgaTuple t) {
        return t.object().equals("team:" + KEA_LITERAL) || t.user().equals("team:" + KEA_LITERAL) || t.user().startsWith("team:" + KEA_LITERAL + "#");
    }
}
