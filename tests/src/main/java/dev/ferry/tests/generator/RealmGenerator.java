package dev.ferry.tests.generator;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The Keycloak side of a kea deployment: teams (root groups), users with credentials and roles, and clients. */
final class RealmGenerator {
    /** kea reads the organization roles admin/editor/viewer from the user's client roles on {@code app}. */
    static final List<String> APP_ROLES = List.of("admin", "editor", "viewer");
    static final List<String> BACKEND_CLIENTS = List.of("agentic", "knowledge-flow", "control-plane");

    private final Draw draw;
    private final Profile profile;

    RealmGenerator(Draw draw, Profile profile) {
        this.draw = draw;
        this.profile = profile;
    }

    List<KeaTeam> teams() {
        List<KeaTeam> teams = new ArrayList<>();
        for (int i = 0; i < profile.teams(); i++) {
            String name = i < Names.TEAMS.size() ? Names.TEAMS.get(i) : "équipe-" + (i + 1);
            teams.add(new KeaTeam(draw.uuid(), name, i % 4 == 3));
        }
        return teams;
    }

    List<KeaUser> users(List<KeaTeam> teams) {
        List<String> passwords = new ArrayList<>();
        for (int i = 0; i < profile.distinctPasswords(); i++) {
            passwords.add("Kea-" + draw.alphanumeric(12) + "-" + i);
        }
        Set<String> usernames = new HashSet<>();
        List<KeaUser> users = new ArrayList<>();
        for (int i = 0; i < profile.users(); i++) {
            String first = draw.pick(Names.FIRST);
            String last = draw.pick(Names.LAST);
            String username = Names.username(first, last);
            for (int n = 2; !usernames.add(username); n++) {
                username = Names.username(first, last) + n;
            }
            Map<String, List<String>> attributes = new LinkedHashMap<>();
            attributes.put("department", List.of(draw.pick(Names.DEPARTMENTS)));
            attributes.put("employeeNumber", List.of(String.format("E-%05d", i + 1)));
            if (draw.chance(0.6)) {
                attributes.put("site", List.of(draw.pick(Names.SITES)));
            }
            users.add(new KeaUser(draw.uuid(), username, username + "@example.test", first, last,
                    passwords.get(i % passwords.size()), draw.chance(0.12) ? draw.alphanumeric(20) : null,
                    i % 25 == 7 ? webAuthnKey() : null, attributes, appRoles(i), memberships(i, teams)));
        }
        return users;
    }

    List<KeaClient> clients() {
        List<KeaClient> clients = new ArrayList<>();
        clients.add(new KeaClient(draw.uuid(), "app", true, null, APP_ROLES));
        for (String backend : BACKEND_CLIENTS) {
            clients.add(new KeaClient(draw.uuid(), backend, false, draw.alphanumeric(32), List.of()));
        }
        return clients;
    }

    /** The first user is an admin (a platform admin exists in every deployment); the rest are mostly viewers. */
    private List<String> appRoles(int index) {
        if (index == 0 || draw.chance(0.04)) {
            return List.of("admin");
        }
        if (draw.chance(0.2)) {
            return List.of("editor");
        }
        return draw.chance(0.9) ? List.of("viewer") : List.of();
    }

    /** Every team gets members: user i is always in team i mod n, and a third of users join a second team. */
    private List<String> memberships(int index, List<KeaTeam> teams) {
        List<String> ids = new ArrayList<>();
        ids.add(teams.get(index % teams.size()).id());
        if (teams.size() > 1 && draw.chance(0.33)) {
            String other = draw.pick(teams).id();
            if (!ids.contains(other)) {
                ids.add(other);
            }
        }
        return ids;
    }

    /** A P-256 COSE_Key map {1:2, 3:-7, -1:1, -2:x, -3:y} in CBOR, as an authenticator registers it. */
    private WebAuthnKey webAuthnKey() {
        byte[] cose = new byte[77];
        byte[] head = {(byte) 0xA5, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01, 0x21, 0x58, 0x20};
        System.arraycopy(head, 0, cose, 0, head.length);
        for (int i = 10; i < 42; i++) {
            cose[i] = (byte) draw.random().nextInt(256);
        }
        cose[42] = 0x22;
        cose[43] = 0x58;
        cose[44] = 0x20;
        for (int i = 45; i < 77; i++) {
            cose[i] = (byte) draw.random().nextInt(256);
        }
        byte[] credentialId = new byte[32];
        for (int i = 0; i < credentialId.length; i++) {
            credentialId[i] = (byte) draw.random().nextInt(256);
        }
        return new WebAuthnKey("YubiKey 5 NFC", Base64.getUrlEncoder().withoutPadding().encodeToString(credentialId),
                "cb69481e-8ff7-4039-93ec-0a2729a154a8", Base64.getEncoder().encodeToString(cose));
    }
}
