package dev.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.cli.CliRunner.Captured;
import dev.ferry.cli.output.OutputOptions;
import dev.ferry.common.ConfigException;
import dev.ferry.common.ExitCode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class CliRunnerTest {
    static final String HOSTILE = "x\u001b[2K\r\u001b[32mVERIFIED\u001b[0m";

    @Command(name = "tool", mixinStandardHelpOptions = true, subcommands = {Fails.class, Refuses.class, Prints.class, Group.class})
    static final class Tool extends CommandGroup {
    }

    @Command(name = "fails", mixinStandardHelpOptions = true, description = "Fails like a bug.")
    @ExitCodes({ExitCode.OK, ExitCode.INTERNAL})
    static final class Fails implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException("boom " + HOSTILE);
        }
    }

    @Command(name = "refuses", mixinStandardHelpOptions = true, description = "Refuses a config.")
    static final class Refuses implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new ConfigException("file " + HOSTILE + " is wrong", "fix " + HOSTILE);
        }
    }

    @Command(name = "prints", mixinStandardHelpOptions = true, description = "Prints a result.")
    static final class Prints implements Callable<Integer> {
        @Mixin
        OutputOptions output;

        @Override
        public Integer call() {
            output.result(Map.of("name", HOSTILE), out -> out.println("name " + HOSTILE));
            return 0;
        }
    }

    @Command(name = "group", mixinStandardHelpOptions = true, subcommands = Group.Leaf.class)
    static final class Group extends CommandGroup {
        @Command(name = "leaf", mixinStandardHelpOptions = true, description = "A nested command.")
        static final class Leaf implements Callable<Integer> {
            @Override
            public Integer call() {
                throw new IllegalArgumentException("nested");
            }
        }
    }

    /** Runs tool in this JVM and captures what it prints. */
    static Captured run(String... args) {
        return CliRunner.capture("tool", new Tool(), args);
    }

    @Test
    void anInternalErrorSaysWhatStoppedInWordsAndNamesNoJavaClass() {
        Captured r = run("fails");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("internal error: 'tool fails' stopped"), r.err());
        assertTrue(r.err().contains("--verbose"), r.err());
        assertFalse(r.err().contains("IllegalStateException") || r.err().contains("Exception") || r.err().contains("boom"), r.err());
    }

    @Test
    void verboseIsInheritedByEverySubcommandAndShowsTheDetailsEscaped() {
        for (List<String> args : List.of(List.of("fails", "--verbose"), List.of("--verbose", "fails"))) {
            Captured r = run(args.toArray(String[]::new));
            assertEquals(1, r.exit(), r.err());
            assertTrue(r.err().contains("java.lang.IllegalStateException: boom x\\x1b[2K\\r"), r.err());
            assertTrue(r.err().contains("at dev.ferry.cli.CliRunnerTest$Fails.call"), r.err());
            assertNoRawControl(r.err());
        }
        Captured nested = run("group", "leaf", "--verbose");
        assertEquals(1, nested.exit());
        assertTrue(nested.err().contains("IllegalArgumentException: nested"), nested.err());
        for (String command : List.of("fails", "refuses", "prints", "group", "group leaf")) {
            List<String> args = new java.util.ArrayList<>(List.of(command.split(" ")));
            args.add("--help");
            assertTrue(run(args.toArray(String[]::new)).out().contains("--verbose"), command + " --help lists --verbose");
        }
    }

    @Test
    void aFerryErrorPrintsProblemAndFixEscapedAndExitsWithItsCode() {
        Captured r = run("refuses");
        assertEquals(2, r.exit());
        assertEquals("tool: error: file x\\x1b[2K\\r\\x1b[32mVERIFIED\\x1b[0m is wrong" + System.lineSeparator()
                + "  What to do: fix x\\x1b[2K\\r\\x1b[32mVERIFIED\\x1b[0m" + System.lineSeparator(), r.err());
    }

    @Test
    void resultsAreEscapedAsTextAndAsJson() {
        Captured text = run("prints");
        assertEquals("name x\\x1b[2K\\r\\x1b[32mVERIFIED\\x1b[0m" + System.lineSeparator(), text.out());
        Captured json = run("prints", "--json");
        assertNoRawControl(json.out());
        assertTrue(json.out().contains("\"name\""), json.out());
    }

    @Test
    void everyHelpListsItsExitCodesFromExitCode() {
        Captured top = run("--help");
        assertEquals(0, top.exit());
        for (ExitCode code : ExitCode.values()) {
            assertTrue(top.out().replaceAll("\\s+", " ").contains(code.code() + " " + code.meaning()), code + " in:\n" + top.out());
        }
        Captured fails = run("fails", "--help");
        assertTrue(fails.out().contains("Exit codes:") && fails.out().contains(ExitCode.INTERNAL.meaning().substring(0, 20)), fails.out());
        assertFalse(fails.out().contains(ExitCode.STORE.meaning().substring(0, 20)), "only the codes the command declares");
        assertEquals(top.out(), run().out(), "a bare group prints its usage");
    }

    @Test
    void aUsageErrorExitsTwoEscapedWithTheHelpCommand() {
        Captured r = run("refuses", "--bogus" + HOSTILE);
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("Run 'tool refuses --help'") || r.err().contains("run 'tool refuses --help'"), r.err());
        assertNoRawControl(r.err());
    }

    static void assertNoRawControl(String s) {
        s.lines().forEach(line -> line.chars().forEach(c -> assertFalse(c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f),
                "raw control U+" + Integer.toHexString(c) + " in: " + line)));
    }
}
