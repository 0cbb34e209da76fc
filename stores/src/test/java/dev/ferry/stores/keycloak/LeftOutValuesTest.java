package dev.ferry.stores.keycloak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.ferry.stores.keycloak.MaskedValues.LeftOut;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeftOutValuesTest {
    @Test
    void roundTripsAndNeverHoldsTheValue() throws Exception {
        var realm = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                "{\"smtpServer\":{\"host\":\"mail\",\"password\":\"" + RealmSecrets.MASK + "\"}}");
        List<LeftOut> leftOut = MaskedValues.leaveOut(realm).leftOut();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LeftOutValues.write(leftOut, out);
        String json = out.toString(StandardCharsets.UTF_8);
        assertFalse(json.contains(RealmSecrets.MASK), json);
        assertEquals(leftOut, LeftOutValues.read(new ByteArrayInputStream(out.toByteArray())));
        assertEquals(RealmSecrets.Kind.SMTP_SECRET, leftOut.get(0).kind());
    }
}
