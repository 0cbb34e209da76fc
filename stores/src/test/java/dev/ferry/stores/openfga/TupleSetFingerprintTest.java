package dev.ferry.stores.openfga;

import dev.ferry.stores.openfga.TupleRecord;
import dev.ferry.stores.openfga.TupleSetFingerprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class TupleSetFingerprintTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static TupleRecord tuple(String json) throws Exception {
        return TupleRecord.fromJson(JSON.readTree(json));
    }

    private static String fingerprint(List<TupleRecord> tuples) {
        TupleSetFingerprint f = new TupleSetFingerprint();
        tuples.forEach(f::add);
        return f.hex();
    }

    @Test
    void orderAndTimestampsDoNotMatter() throws Exception {
        TupleRecord a = tuple("{\"key\":{\"user\":\"user:a\",\"relation\":\"owner\",\"object\":\"team:t\",\"condition\":null},\"timestamp\":\"2026-01-01T00:00:00Z\"}");
        TupleRecord b = tuple("{\"key\":{\"user\":\"team:t\",\"relation\":\"owner\",\"object\":\"agent:x\"},\"timestamp\":\"2026-01-02T00:00:00Z\"}");
        TupleRecord aLater = tuple("{\"user\":\"user:a\",\"relation\":\"owner\",\"object\":\"team:t\",\"condition\":null,\"timestamp\":\"2027-05-05T00:00:00Z\"}");
        assertEquals(fingerprint(List.of(a, b)), fingerprint(List.of(b, aLater)));
        assertNotEquals(fingerprint(List.of(a, b)), fingerprint(List.of(a)));
    }

    @Test
    void conditionContextIsCanonical() throws Exception {
        TupleRecord x = tuple("{\"key\":{\"user\":\"user:a\",\"relation\":\"r\",\"object\":\"doc:1\",\"condition\":{\"name\":\"c\",\"context\":{\"b\":1,\"a\":[2,{\"z\":true,\"y\":null}]}}}}");
        TupleRecord y = tuple("{\"key\":{\"user\":\"user:a\",\"relation\":\"r\",\"object\":\"doc:1\",\"condition\":{\"context\":{\"a\":[2,{\"y\":null,\"z\":true}],\"b\":1},\"name\":\"c\"}}}");
        assertEquals("doc:1#r@user:a|c|{\"a\":[2,{\"y\":null,\"z\":true}],\"b\":1}\n", x.fingerprintLine());
        assertEquals(x.fingerprintLine(), y.fingerprintLine());
        TupleRecord unconditioned = tuple("{\"key\":{\"user\":\"user:a\",\"relation\":\"r\",\"object\":\"doc:1\"}}");
        assertNotEquals(x.fingerprintLine(), unconditioned.fingerprintLine());
    }

    @Test
    void usernameFormIsAUserThatIsNeitherAUuidNorTheWildcard() throws Exception {
        assertTrue(tuple("{\"user\":\"user:alice\",\"relation\":\"owner\",\"object\":\"team:t\"}").isUsernameForm());
        assertFalse(tuple("{\"user\":\"user:3f6c2a1e-9b4d-4e7a-8c21-5d0f7a9e1b42\",\"relation\":\"owner\",\"object\":\"team:t\"}").isUsernameForm());
        assertFalse(tuple("{\"user\":\"user:*\",\"relation\":\"public\",\"object\":\"team:t\"}").isUsernameForm());
        assertFalse(tuple("{\"user\":\"team:t\",\"relation\":\"owner\",\"object\":\"agent:x\"}").isUsernameForm());
    }

    @Test
    void theFingerprintOfKnownLinesIsStable() throws Exception {
        // SHA-256 of "a:1#r@user:x\n" alone; pins the line format shared with the importer.
        TupleRecord t = tuple("{\"user\":\"user:x\",\"relation\":\"r\",\"object\":\"a:1\"}");
        java.security.MessageDigest d = java.security.MessageDigest.getInstance("SHA-256");
        String expected = java.util.HexFormat.of().formatHex(d.digest("a:1#r@user:x\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals(expected, fingerprint(List.of(t)));
    }
}
