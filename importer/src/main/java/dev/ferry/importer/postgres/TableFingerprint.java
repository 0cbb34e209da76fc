package dev.ferry.importer.postgres;

import java.io.IOException;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import org.postgresql.PGConnection;

/**
 * A table's content fingerprint as docs/bundle-contents.md defines it: the SHA-256 of
 * {@code COPY (SELECT <columns> FROM <table> ORDER BY <pk>) TO STDOUT} in text format under the bundle's session
 * settings. Streamed into the digest: the table never sits in memory.
 * TODO(merge): replace with the exporter's shared fingerprint class once branch exporter lands, so both sides run one
 * piece of code.
 */
final class TableFingerprint {
    private TableFingerprint() {
    }

    static String of(Connection c, String table, List<String> columns, List<String> primaryKey) throws SQLException {
        String sql = "COPY (SELECT " + Sql.idents(columns) + " FROM " + Sql.ident(table)
                + (primaryKey.isEmpty() ? "" : " ORDER BY " + Sql.idents(primaryKey)) + ") TO STDOUT";
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), sha)) {
                c.unwrap(PGConnection.class).getCopyAPI().copyOut(sql, out);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
