package dev.ferry.tests.rehearsal;

import dev.ferry.tests.generator.FgaTuple;
import dev.ferry.tests.generator.KeaBucket;
import dev.ferry.tests.generator.KeaDataset;
import dev.ferry.tests.generator.KeaUser;
import dev.ferry.tests.generator.ObjectSpec;
import dev.ferry.tests.generator.SeedNames;
import dev.ferry.tests.harness.StoreSet;
import dev.openfga.sdk.api.client.OpenFgaClient;
import dev.openfga.sdk.api.client.model.ClientTupleKey;
import dev.openfga.sdk.api.client.model.ClientTupleKeyWithoutCondition;
import dev.openfga.sdk.api.client.model.ClientWriteRequest;
import dev.openfga.sdk.api.configuration.ClientConfiguration;
import dev.openfga.sdk.api.configuration.ClientListStoresOptions;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.messages.Item;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * What users do on the Source between the first pass and the freeze, as the issue lists it: documents and objects
 * added, changed and deleted; rows added, changed and deleted; tuples added and removed; a new user, a removed user, a
 * changed password and membership changes. Each change keeps the
 * stores consistent with one another, as kea would (a new document has its metadata row, its object and its tuple; a
 * deleted one loses all three), so validate's cross-store checks hold on the Target after the freeze pass.
 */
final class FreezeWindow {
    /** Marks what the window created, so a reader of the Target can find it. */
    static final String MARK = "window";

    /**
     * What the window changed, to check on the Target afterwards. Passwords live only in this record, in memory.
     *
     * @param lines           one line per change, for the rehearsal's output (ids and counts only, no content)
     * @param passwordUser    the user whose password changed
     * @param newPassword     that user's new password
     * @param addedUser       the user created in the window
     * @param addedPassword   that user's password
     * @param removedUser     the username deleted in the window
     * @param addedDocument   the document uid added in the window
     * @param deletedDocument the document uid deleted in the window
     */
    record Changes(List<String> lines, String passwordUser, String newPassword, String addedUser, String addedPassword,
            String removedUser, String addedDocument, String deletedDocument) {
    }

    private final KeaDataset dataset;
    private final StoreSet source;
    private final SeedNames names;
    private final Random random;

    FreezeWindow(KeaDataset dataset, StoreSet source, SeedNames names, long seed) {
        this.dataset = dataset;
        this.source = source;
        this.names = names;
        this.random = new Random(seed);
    }

    Changes apply() throws Exception {
        List<String> lines = new ArrayList<>();
        MinioClient s3 = MinioClient.builder().endpoint(source.s3().endpoint())
                .credentials(source.s3().accessKey(), source.s3().secretKey()).build();
        String documents = KeaBucket.DOCUMENTS.bucketName(names.bucketPrefix());
        List<String> documentUids = documentUids();
        // The first document stays as it is; the second is changed, the last deleted, and a new one is copied from the first.
        String template = documentUids.get(0);
        String changedDoc = documentUids.get(1);
        String deletedDoc = documentUids.get(documentUids.size() - 1);
        String addedDoc = UUID.nameUUIDFromBytes((MARK + random.nextLong()).getBytes(StandardCharsets.UTF_8)).toString().replace("-", "");
        List<FgaTuple> tuplesToAdd = new ArrayList<>();
        List<FgaTuple> tuplesToRemove = new ArrayList<>();

        // Documents: added (row, object, tuples), changed (row and object), deleted (row, objects, tuples).
        sql("CREATE TEMP TABLE window_doc AS SELECT * FROM metadata WHERE document_uid = ?; "
                + "UPDATE window_doc SET document_uid = ?; INSERT INTO metadata SELECT * FROM window_doc", template, addedDoc);
        put(s3, documents, addedDoc + "/input/Added in the " + MARK + ".pdf", bytes(3_000));
        dataset.tuples().stream().filter(t -> t.object().equals("document:" + template))
                .forEach(t -> tuplesToAdd.add(new FgaTuple(t.user(), t.relation(), "document:" + addedDoc)));
        lines.add("document added: a metadata row, one object and " + tuplesToAdd.size() + " tuple(s)");

        sql("UPDATE metadata SET date_added_to_kb = now() WHERE document_uid = ?", changedDoc);
        ObjectSpec changedObject = objectsUnder(documents, changedDoc).get(0);
        put(s3, documents, changedObject.key(), bytes((int) changedObject.size() + 17));
        lines.add("document changed: its metadata row and its object");

        sql("DELETE FROM metadata WHERE document_uid = ?", deletedDoc);
        int deletedObjects = 0;
        for (Item item : list(s3, documents, deletedDoc + "/")) {
            s3.removeObject(RemoveObjectArgs.builder().bucket(documents).object(item.objectName()).build());
            deletedObjects++;
        }
        List<FgaTuple> docTuples = dataset.tuples().stream().filter(t -> t.object().equals("document:" + deletedDoc)
                || t.user().startsWith("document:" + deletedDoc)).toList();
        tuplesToRemove.addAll(docTuples);
        lines.add("document deleted: its metadata row, " + deletedObjects + " object(s) and " + docTuples.size() + " tuple(s)");

        // Objects outside the documents bucket: one added, one changed, one deleted.
        List<ObjectSpec> others = dataset.objects().stream().filter(o -> o.bucket() != KeaBucket.DOCUMENTS && o.size() > 0)
                .sorted(Comparator.comparing(ObjectSpec::key)).toList();
        ObjectSpec otherChanged = others.get(0);
        ObjectSpec otherDeleted = others.get(others.size() - 1);
        put(s3, otherChanged.bucket().bucketName(names.bucketPrefix()), otherChanged.key(), bytes((int) otherChanged.size() + 5));
        s3.removeObject(RemoveObjectArgs.builder().bucket(otherDeleted.bucket().bucketName(names.bucketPrefix())).object(otherDeleted.key()).build());
        put(s3, otherChanged.bucket().bucketName(names.bucketPrefix()), MARK + "/added-" + addedDoc + ".json", bytes(1_200));
        lines.add("objects: one added, one changed and one deleted outside the documents bucket");

        // Rows: a tag added, an agent renamed, a tag deleted.
        sql("INSERT INTO tag (tag_id, name) VALUES (?, ?)", "tag-" + MARK + "-" + addedDoc.substring(0, 8), "Added in the " + MARK);
        sql("UPDATE agent SET name = name || ' (" + MARK + ")' WHERE id = (SELECT min(id) FROM agent)");
        sql("DELETE FROM tag WHERE tag_id = (SELECT max(tag_id) FROM tag WHERE tag_id NOT LIKE 'tag-" + MARK + "%')");
        lines.add("rows: a tag added, an agent renamed, a tag deleted");

        String passwordUser;
        String newPassword;
        String addedUser;
        String addedPassword;
        String removedUser;
        try (Keycloak admin = Keycloak.getInstance(source.keycloak().url(), "master", source.keycloak().adminUser(),
                source.keycloak().adminPassword(), "admin-cli")) {
            RealmResource realm = admin.realm(names.realm());
            List<KeaUser> plain = dataset.users().stream().filter(u -> !u.hasTotp() && u.webAuthn() == null && u.password() != null)
                    .sorted(Comparator.comparing(KeaUser::username)).toList();
            KeaUser changedPassword = plain.get(0);
            KeaUser removed = plain.get(plain.size() - 1);
            KeaUser mover = plain.stream().filter(u -> !u.teamIds().isEmpty()).findFirst().orElseThrow();
            newPassword = "Window-" + Long.toHexString(random.nextLong()) + "!";
            realm.users().get(changedPassword.id()).resetPassword(password(newPassword));
            passwordUser = changedPassword.username();

            addedUser = MARK + "-user-" + addedDoc.substring(0, 6);
            addedPassword = "Added-" + Long.toHexString(random.nextLong()) + "!";
            UserRepresentation user = new UserRepresentation();
            user.setUsername(addedUser);
            user.setEmail(addedUser + "@example.org");
            user.setFirstName("Added");
            user.setLastName("Window");
            user.setEnabled(true);
            user.setEmailVerified(true);
            user.setCredentials(List.of(password(addedPassword)));
            String addedId;
            try (Response created = realm.users().create(user)) {
                if (created.getStatus() != 201) {
                    throw new IllegalStateException("Keycloak refused the window's new user: HTTP " + created.getStatus());
                }
                String location = created.getLocation().getPath();
                addedId = location.substring(location.lastIndexOf('/') + 1);
            }
            String team = dataset.teams().get(0).id();
            realm.users().get(addedId).joinGroup(team);
            tuplesToAdd.add(new FgaTuple("user:" + addedId, "member", "team:" + team));

            realm.users().get(removed.id()).remove();
            removedUser = removed.username();

            String left = mover.teamIds().get(0);
            String joined = dataset.teams().stream().map(t -> t.id()).filter(t -> !mover.teamIds().contains(t)).findFirst().orElseThrow();
            realm.users().get(mover.id()).leaveGroup(left);
            realm.users().get(mover.id()).joinGroup(joined);
            dataset.tuples().stream().filter(t -> t.user().equals("user:" + mover.id()) && t.object().equals("team:" + left)
                    && t.relation().equals("member")).forEach(tuplesToRemove::add);
            tuplesToAdd.add(new FgaTuple("user:" + mover.id(), "member", "team:" + joined));
            lines.add("keycloak: a user added (and made a team member), a user removed, a password changed, "
                    + "a user moved from one team to another");
        }

        // Tuples: one more membership-free grant removed, so a removal travels that no other change explains.
        dataset.tuples().stream().filter(t -> t.object().startsWith("tag:") && t.user().matches("user:[0-9a-f-]{36}")
                && !tuplesToRemove.contains(t)).findFirst().ifPresent(tuplesToRemove::add);
        writeTuples(tuplesToAdd, tuplesToRemove);
        lines.add("tuples: " + tuplesToAdd.size() + " added, " + tuplesToRemove.size() + " removed");
        return new Changes(List.copyOf(lines), passwordUser, newPassword, addedUser, addedPassword, removedUser, addedDoc, deletedDoc);
    }

    private List<String> documentUids() throws Exception {
        List<String> uids = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT document_uid FROM metadata ORDER BY document_uid")) {
            while (rs.next()) {
                uids.add(rs.getString(1));
            }
        }
        if (uids.size() < 3) {
            throw new IllegalStateException("the Source holds " + uids.size() + " documents; the window needs at least 3");
        }
        return uids;
    }

    private List<ObjectSpec> objectsUnder(String bucket, String uid) {
        List<ObjectSpec> found = dataset.objects().stream().filter(o -> o.bucket() == KeaBucket.DOCUMENTS && o.key().startsWith(uid + "/")
                && o.size() > 0).sorted(Comparator.comparing(ObjectSpec::key)).toList();
        if (found.isEmpty()) {
            throw new IllegalStateException("document " + uid + " has no object in " + bucket);
        }
        return found;
    }

    private static List<Item> list(MinioClient s3, String bucket, String prefix) throws Exception {
        List<Item> items = new ArrayList<>();
        for (Result<Item> r : s3.listObjects(ListObjectsArgs.builder().bucket(bucket).prefix(prefix).recursive(true).build())) {
            items.add(r.get());
        }
        return items;
    }

    private void writeTuples(List<FgaTuple> add, List<FgaTuple> remove) throws Exception {
        OpenFgaClient client = new OpenFgaClient(new ClientConfiguration().apiUrl(source.openfga().apiUrl()));
        String storeId = client.listStores(new ClientListStoresOptions().name(names.openFgaStore()).pageSize(100)).get().getStores()
                .stream().filter(s -> s.getName().equals(names.openFgaStore())).findFirst().orElseThrow().getId();
        client.setStoreId(storeId);
        ClientWriteRequest request = new ClientWriteRequest();
        if (!add.isEmpty()) {
            request.writes(add.stream().map(t -> new ClientTupleKey().user(t.user()).relation(t.relation())._object(t.object())).toList());
        }
        if (!remove.isEmpty()) {
            request.deletes(remove.stream().map(t -> new ClientTupleKeyWithoutCondition().user(t.user()).relation(t.relation())
                    ._object(t.object())).toList());
        }
        client.write(request).get();
    }

    private static CredentialRepresentation password(String value) {
        CredentialRepresentation c = new CredentialRepresentation();
        c.setType(CredentialRepresentation.PASSWORD);
        c.setValue(value);
        c.setTemporary(false);
        return c;
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static void put(MinioClient s3, String bucket, String key, byte[] body) throws Exception {
        s3.putObject(PutObjectArgs.builder().bucket(bucket).object(key).stream(new ByteArrayInputStream(body), body.length, -1)
                .contentType("application/octet-stream").userMetadata(Map.of("origin", MARK)).build());
    }

    private Connection connect() throws Exception {
        return DriverManager.getConnection(source.postgres().jdbcUrl(), source.postgres().user(), source.postgres().password());
    }

    /** Runs semicolon-separated statements in one transaction; '?' parameters are bound in order across them. */
    private void sql(String statements, String... params) throws Exception {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            int p = 0;
            for (String one : statements.split("; ")) {
                try (PreparedStatement s = c.prepareStatement(one)) {
                    int count = (int) one.chars().filter(ch -> ch == '?').count();
                    for (int i = 1; i <= count; i++) {
                        s.setString(i, params[p++]);
                    }
                    s.execute();
                }
            }
            c.commit();
        }
    }
}
