package dev.ferry.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ferry.common.ByteSize;
import dev.ferry.common.ConfigException;
import org.junit.jupiter.api.Test;

class ByteSizeTest {
    @Test
    void parsesPlainAndSuffixedSizes() {
        assertEquals(4294967295L, ByteSize.parse("4294967295"));
        assertEquals(4L << 30, ByteSize.parse("4G"));
        assertEquals(700L << 20, ByteSize.parse("700M"));
        assertEquals(700L << 20, ByteSize.parse("700MiB"));
        assertEquals(512L << 10, ByteSize.parse("512k"));
        assertEquals(3L << 29, ByteSize.parse("1.5GB"));
        assertEquals(1L << 40, ByteSize.parse(" 1t "));
    }

    @Test
    void refusesWhatIsNotASize() {
        for (String bad : new String[] {"", "G", "-1", "0", "4X", "4 G B", "1e9", "99999999999999999999", "9999999999T", null}) {
            assertThrows(ConfigException.class, () -> ByteSize.parse(bad), "'" + bad + "'");
        }
    }

    @Test
    void formatsForPeople() {
        assertEquals("700 B", ByteSize.format(700));
        assertEquals("4.0 GiB", ByteSize.format(4294967295L));
    }
}
