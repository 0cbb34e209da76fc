package dev.ferry.importer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.cli.CliRunner;
import dev.ferry.cli.HelpText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportCliTest {
    @TempDir
    Path tmp;

    @Test
    void theHelpIsWrittenInWholeSentences() {
        assertEquals(List.of(), HelpText.notWholeSentences(new ImportCli()));
    }

    @Test
    void everyCommandTakesVerbose() {
        for (String command : List.of("", "verify", "load", "validate", "report", "keys", "keys generate", "upgrade", "upgrade plan", "upgrade validate")) {
            List<String> args = new java.util.ArrayList<>(command.isEmpty() ? List.of() : List.of(command.split(" ")));
            args.add("--help");
            CliRunner.Captured r = VerifyCommandTest.run(args.toArray(String[]::new));
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.out().contains("--verbose"), "ferry-import " + command + " --help:\n" + r.out());
            assertTrue(command.equals("keys") || r.out().contains("Exit codes:"), "ferry-import " + command + " --help:\n" + r.out());
        }
    }

    @Test
    void loadGivenAFileWhereTheBundleBelongsExitsTwoWithVerifysMessage() throws Exception {
        Path file = Files.writeString(tmp.resolve("kea.ferry"), "not a bundle");
        Path key = Files.writeString(tmp.resolve("k.asc"), "not read");
        CliRunner.Captured verify = VerifyCommandTest.run("verify", file.toString(), "--signer", key.toString());
        CliRunner.Captured load = VerifyCommandTest.run("load", file.toString(), "--config", tmp.resolve("target.yaml").toString(),
                "--signer", key.toString(), "--decryption-key", key.toString(), "--no-passphrase");
        CliRunner.Captured validate = VerifyCommandTest.run("validate", file.toString(), "--config",
                tmp.resolve("target.yaml").toString(), "--signer", key.toString(), "--decryption-key", key.toString());
        assertEquals(2, verify.exit(), verify.err());
        assertEquals(2, load.exit(), load.err());
        assertEquals(2, validate.exit(), validate.err());
        assertEquals("ferry-import: error: " + file + " is a file, not a bundle directory" + System.lineSeparator()
                + "  What to do: give the bundle directory (<name>.ferry), e.g. /media/usb/kea-20261124T163000Z.ferry"
                + System.lineSeparator(), verify.err());
        assertEquals(verify.err(), load.err(), "load says what verify says");
        assertEquals(verify.err(), validate.err(), "and so does validate");
    }

    @Test
    void loadNeedsTheDecryptionKey() throws Exception {
        Path bundle = Files.createDirectories(tmp.resolve("kea.ferry"));
        CliRunner.Captured r = VerifyCommandTest.run("load", bundle.toString(), "--config", "target.yaml", "--signer", "s.asc");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("load needs --decryption-key KEY"), r.err());
    }
}
