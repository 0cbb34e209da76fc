package dev.ferry.importer.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.common.ConfigException;
import dev.ferry.common.ExitCode;
import dev.ferry.common.FerryException;
import dev.ferry.common.MismatchException;
import dev.ferry.common.StoreException;
import dev.ferry.stores.StoreKind;
import org.junit.jupiter.api.Test;

class RefusalsTest {
    @Test
    void noRefusalLetsTheLoadGoOn() {
        new Refusals().throwIfAny();
    }

    @Test
    void oneRefusalIsReportedAsItIs() {
        Refusals r = new Refusals();
        MismatchException schema = new MismatchException("the Target database schema differs", "run Alembic");
        r.add(StoreKind.POSTGRES, schema);
        assertSame(schema, assertThrows(MismatchException.class, r::throwIfAny));
    }

    @Test
    void everyStoresRefusalIsListedUnderExitFive() {
        Refusals r = new Refusals();
        r.add(StoreKind.KEYCLOAK, new MismatchException("user 'alice' has id 1 on the Target but 2 in the bundle", "resolve it"));
        r.add(StoreKind.POSTGRES, new MismatchException("the Target database already holds data: agent holds 1 row(s)", "empty it"));
        MismatchException e = assertThrows(MismatchException.class, r::throwIfAny);
        assertEquals(ExitCode.MISMATCH, e.exitCode());
        assertTrue(e.problem().startsWith("2 Target stores refuse the load, and nothing was written: (keycloak) user 'alice'"), e.problem());
        assertTrue(e.problem().contains("(postgres) the Target database already holds data"), e.problem());
        assertTrue(e.fix().contains("(keycloak) resolve it") && e.fix().contains("(postgres) empty it"), e.fix());
    }

    @Test
    void theMostFundamentalKindSetsTheExitCode() {
        Refusals r = new Refusals();
        r.add(StoreKind.KEYCLOAK, new MismatchException("conflicts", "resolve them"));
        r.add(StoreKind.OPENFGA, new StoreException("OpenFGA cannot be reached", "check openfga.apiUrl"));
        FerryException unreachable = assertThrows(StoreException.class, r::throwIfAny);
        assertEquals(ExitCode.STORE, unreachable.exitCode());

        r.add(StoreKind.OBJECTS, new ConfigException("objects.bucketMap sends two buckets with shared keys to one", "map them apart"));
        FerryException config = assertThrows(ConfigException.class, r::throwIfAny);
        assertTrue(config.problem().startsWith("3 Target stores refuse the load"), config.problem());
    }
}
