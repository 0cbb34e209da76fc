package dev.ferry.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonOutputTest {
    record Item(String name, Instant at, Map<String, Long> counts) {
    }

    @Test
    void everyControlCharacterIsEscapedInValuesAndKeysAndNothingIsLost() throws Exception {
        String all = SafeTextTest.HOSTILE + "\u007f\u0085\u009b\u2028\u202e\t\n";
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("name", all);
        doc.put(all, List.of(all));
        doc.put("item", new Item(all, Instant.parse("2026-11-24T16:30:00Z"), Map.of(all, 3L)));
        StringWriter text = new StringWriter();
        JsonOutput.print(doc, new TerminalWriter(text));
        String printed = text.toString();

        JsonOutput.text(doc).lines().forEach(SafeTextTest::assertNoControl);   // the writer alone, before any terminal
        assertEquals(JsonOutput.text(doc) + System.lineSeparator(), printed.replace("\n", System.lineSeparator()),
                "the terminal writer has nothing left to escape");
        JsonNode back = new ObjectMapper().readTree(printed);
        assertEquals(all, back.get("name").asText(), "a script reads back the original text");
        assertEquals(all, back.get(all).get(0).asText(), "keys too");
        assertEquals(3, back.at("/item/counts").get(all).asLong());
        assertEquals("2026-11-24T16:30:00Z", back.at("/item/at").asText(), "ISO-8601 times");
        assertTrue(printed.contains("\\u001B") || printed.contains("\\u001b"), printed);
    }

    @Test
    void printableUnicodeStaysReadable() {
        String text = JsonOutput.text(Map.of("user", "Zoë → 東京"));
        assertTrue(text.contains("Zoë → 東京"), text);
    }
}
