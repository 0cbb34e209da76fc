package dev.ferry.exporter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.cli.CliRunner;
import dev.ferry.cli.HelpText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportCliTest {
    @TempDir
    Path tmp;

    @Test
    void theHelpIsWrittenInWholeSentences() {
        assertEquals(List.of(), HelpText.notWholeSentences(new ExportCli()));
    }

    @Test
    void everyCommandTakesVerbose() {
        for (String command : List.of("", "plan", "run", "keys", "keys generate")) {
            List<String> args = new java.util.ArrayList<>(command.isEmpty() ? List.of() : List.of(command.split(" ")));
            args.add("--help");
            CliRunner.Captured r = KeysCommandTest.run(args.toArray(String[]::new));
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.out().contains("--verbose"), "ferry-export " + command + " --help:\n" + r.out());
        }
    }

    @Test
    void aConfigErrorNamesTheSourceExample() throws Exception {
        Path config = Files.writeString(tmp.resolve("source.yaml"), "");
        CliRunner.Captured r = KeysCommandTest.run("plan", "--config", config.toString(), "--verbose");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("docs/source.example.yaml"), r.err());
        assertTrue(r.err().contains("Technical details:"), "--verbose after the subcommand's options is read: " + r.err());
    }

    @Test
    void anUnwritableOutDirectoryIsALocalIoErrorNotAConfigError() throws Exception {
        Path keys = tmp.resolve("keys");
        Files.createDirectories(keys);
        assertEquals(0, KeysCommandTest.run("keys", "generate", "--dir", keys.toString(), "--name", "s", "--no-passphrase").exit());
        Path config = Files.writeString(tmp.resolve("source.yaml"), "openfga:\n  apiUrl: http://127.0.0.1:9\n  store:\n    name: kea\n");
        // A directory no user can create, not even root (tests may run as root, for whom permissions do not count).
        Path unwritable = Path.of("/proc", "ferry-test-" + ProcessHandle.current().pid(), "bundles");
        CliRunner.Captured r = KeysCommandTest.run("run", "--config", config.toString(), "--stores", "openfga", "--recipient",
                keys.resolve("s.pub.asc").toString(), "--signing-key", keys.resolve("s.sec.asc").toString(), "--out", unwritable.toString());
        assertEquals(6, r.exit(), r.err());
        assertTrue(r.err().contains("cannot write the output directory (" + unwritable + ")"), r.err());
        assertTrue(!r.err().contains("Exception"), "the reason in words: " + r.err());
    }
}
