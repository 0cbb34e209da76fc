package dev.ferry.tests.harness;

import dev.ferry.common.ConfigException;
import java.util.regex.Pattern;

/** The database names the harness accepts: plain lower-case identifiers, so they never need quoting. */
final class DatabaseNames {
    private static final Pattern VALID = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private DatabaseNames() {
    }

    static String requireValid(String name) {
        if (!VALID.matcher(name).matches()) {
            throw new ConfigException("database name '" + name + "' is not a plain lower-case identifier",
                    "use letters a-z, digits and '_', starting with a letter or '_', at most 63 characters");
        }
        return name;
    }
}
