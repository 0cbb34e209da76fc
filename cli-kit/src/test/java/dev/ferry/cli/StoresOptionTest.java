package dev.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.common.ConfigException;
import dev.ferry.common.StoreKind;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class StoresOptionTest {
    @Test
    void theHelpNamesEveryStoreOfTheEnum() {
        assertEquals(Arrays.stream(StoreKind.values()).map(StoreKind::label).collect(Collectors.joining(",")), StoresOption.NAMES);
    }

    @Test
    void parsesLabelsInExportOrderWhateverTheCaseOrSpaces() {
        assertEquals(List.of(StoreKind.POSTGRES, StoreKind.OBJECTS), List.copyOf(StoresOption.parse("objects, Postgres,")));
        assertEquals(EnumSet.allOf(StoreKind.class), new StoresOption().selected());
    }

    @Test
    void anUnknownOrEmptyListIsAUsageError() {
        ConfigException e = assertThrows(ConfigException.class, () -> StoresOption.parse("postgres,opensearch"));
        assertTrue(e.problem().contains("'opensearch'") && e.fix().contains(StoresOption.NAMES), e.problem() + e.fix());
        assertThrows(ConfigException.class, () -> StoresOption.parse(" , "));
    }
}
