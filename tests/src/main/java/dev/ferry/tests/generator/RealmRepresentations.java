package dev.ferry.tests.generator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.RolesRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/** Turns a dataset into Keycloak representations: the realm with clients, roles and groups, then its users. */
final class RealmRepresentations {
    private static final long CREATED = Draw.BACKFILL.toInstant().toEpochMilli();

    private RealmRepresentations() {
    }

    static RealmRepresentation realm(KeaDataset dataset, String realmName) {
        RealmRepresentation realm = new RealmRepresentation();
        realm.setRealm(realmName);
        realm.setEnabled(true);
        List<ClientRepresentation> clients = new ArrayList<>();
        RolesRepresentation roles = new RolesRepresentation();
        roles.setClient(new java.util.LinkedHashMap<>());
        for (KeaClient c : dataset.clients()) {
            ClientRepresentation client = new ClientRepresentation();
            client.setId(c.id());
            client.setClientId(c.clientId());
            client.setEnabled(true);
            client.setProtocol("openid-connect");
            client.setPublicClient(c.publicClient());
            if (c.publicClient()) {
                // kea's SPA logs users in; tests log in with the password grant, so it is enabled here.
                client.setStandardFlowEnabled(true);
                client.setDirectAccessGrantsEnabled(true);
                client.setRedirectUris(List.of("http://localhost:5173/*"));
                client.setWebOrigins(List.of("+"));
            } else {
                client.setClientAuthenticatorType("client-secret");
                client.setSecret(c.secret());
                client.setServiceAccountsEnabled(true);
                client.setStandardFlowEnabled(false);
            }
            clients.add(client);
            List<RoleRepresentation> clientRoles = c.roles().stream().map(name -> {
                RoleRepresentation role = new RoleRepresentation();
                role.setName(name);
                role.setDescription("kea organization role " + name);
                role.setClientRole(true);
                return role;
            }).toList();
            roles.getClient().put(c.clientId(), clientRoles);
        }
        realm.setClients(clients);
        realm.setRoles(roles);
        realm.setGroups(dataset.teams().stream().map(team -> {
            GroupRepresentation group = new GroupRepresentation();
            group.setId(team.id());
            group.setName(team.name());
            group.setPath(team.path());
            return group;
        }).toList());
        return realm;
    }

    static List<UserRepresentation> users(KeaDataset dataset) {
        Map<String, String> secrets = PasswordHashes.secretData(
                dataset.users().stream().map(KeaUser::password).toList(), dataset.seed());
        Map<String, KeaTeam> teams = dataset.teamsById();
        return dataset.users().stream().map(u -> {
            UserRepresentation user = new UserRepresentation();
            user.setId(u.id());
            user.setUsername(u.username());
            user.setEmail(u.email());
            user.setEmailVerified(true);
            user.setFirstName(u.firstName());
            user.setLastName(u.lastName());
            user.setEnabled(true);
            user.setCreatedTimestamp(CREATED);
            user.setAttributes(u.attributes());
            user.setGroups(u.teamIds().stream().map(id -> teams.get(id).path()).toList());
            if (!u.appRoles().isEmpty()) {
                user.setClientRoles(Map.of("app", u.appRoles()));
            }
            List<CredentialRepresentation> credentials = new ArrayList<>();
            credentials.add(credential("password", null, secrets.get(u.password()), PasswordHashes.CREDENTIAL_DATA));
            if (u.hasTotp()) {
                credentials.add(credential("otp", "Téléphone pro", "{\"value\":\"" + u.totpSecret() + "\"}",
                        "{\"subType\":\"totp\",\"digits\":6,\"counter\":0,\"period\":30,\"algorithm\":\"HmacSHA1\"}"));
            }
            if (u.webAuthn() != null) {
                WebAuthnKey key = u.webAuthn();
                credentials.add(credential("webauthn", key.label(), "{}", "{\"aaguid\":\"" + key.aaguid()
                        + "\",\"credentialId\":\"" + key.credentialId() + "\",\"counter\":0,"
                        + "\"attestationStatement\":null,\"credentialPublicKey\":\"" + key.cosePublicKey()
                        + "\",\"attestationStatementFormat\":\"none\",\"transports\":[\"usb\",\"nfc\"]}"));
            }
            user.setCredentials(credentials);
            return user;
        }).toList();
    }

    private static CredentialRepresentation credential(String type, String label, String secretData,
            String credentialData) {
        CredentialRepresentation c = new CredentialRepresentation();
        c.setType(type);
        c.setUserLabel(label);
        c.setSecretData(secretData);
        c.setCredentialData(credentialData);
        c.setCreatedDate(CREATED);
        return c;
    }
}
