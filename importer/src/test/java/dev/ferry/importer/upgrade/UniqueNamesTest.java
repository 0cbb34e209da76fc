package dev.ferry.importer.upgrade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UniqueNamesTest {
    static final String ID1 = "6a1f3c2e-7d44-4b0a-9e15-c8b2d4f6a301";
    static final String ID2 = "6a1f3c2e-0000-4b0a-9e15-c8b2d4f6a301";

    @Test
    void aFreeNameIsKeptAndAClashGetsTheIdPrefix() {
        UniqueNames n = new UniqueNames(180);
        assertEquals("Sales", n.claim("Sales", ID1));
        assertEquals("Sales (6a1f3c2e)", n.claim("Sales", ID2));
        assertTrue(n.isTaken("Sales (6a1f3c2e)"));
    }

    @Test
    void whenThePrefixClashesTooTheWholeIdThenACounterIsUsed() {
        UniqueNames n = new UniqueNames(180);
        n.claim("Sales", "x");
        n.claim("Sales (6a1f3c2e)", "y");
        assertEquals("Sales (" + ID1 + ")", n.claim("Sales", ID1));
        n.claim("Sales (" + ID2 + ")", "z");
        assertEquals("Sales (" + ID2 + ") 2", n.claim("Sales", ID2));
        assertEquals("Sales (" + ID2 + ") 3", n.claim("Sales", ID2));
    }

    @Test
    void theNameIsShortenedNeverTheSuffixAndCodePointsAreCounted() {
        UniqueNames n = new UniqueNames(20);
        String emoji = "\uD83D\uDE80".repeat(30);
        String first = n.claim(emoji, ID1);
        assertEquals(20, Text.length(first));
        String second = n.claim(emoji, ID2);
        assertEquals(20, Text.length(second));
        assertTrue(second.endsWith(" (6a1f3c2e)"), second);
        assertEquals(9, Text.length(second.substring(0, second.indexOf(" ("))));
    }
}
