package dev.ferry.common;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The Ferry version, stamped into bundles and printed by {@code --version}. */
public final class ToolVersion {
    private ToolVersion() {
    }

    public static String get() {
        try (InputStream in = ToolVersion.class.getResourceAsStream("/ferry-version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
