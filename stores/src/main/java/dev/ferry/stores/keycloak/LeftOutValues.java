package dev.ferry.stores.keycloak;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.stores.keycloak.MaskedValues.LeftOut;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * The bundle entry {@link RealmEntries#LEFT_OUT}: the values the export left out, written by the exporter, read by the
 * load's plan and by validate's "needs a person". One codec so the two sides cannot drift.
 */
public final class LeftOutValues {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LeftOutValues() {
    }

    public static void write(List<LeftOut> leftOut, OutputStream out) throws IOException {
        JSON.writerWithDefaultPrettyPrinter().writeValue(new NonClosing(out), leftOut);
    }

    public static List<LeftOut> read(InputStream in) throws IOException {
        return List.copyOf(JSON.readValue(in, new TypeReference<List<LeftOut>>() { }));
    }

    /** Jackson closes what it writes to; the bundle's member stream must stay open for the next entry. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
