package dev.ferry.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringWriter;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class TerminalWriterTest {
    private final StringWriter text = new StringWriter();
    private final TerminalWriter out = new TerminalWriter(text);

    @Test
    void aPrintedStringIsOneLineWhateverItHolds() {
        out.println("Bundle " + SafeTextTest.HOSTILE);
        out.println("user alice\nVERIFIED: forged line");
        out.print('\u001b');
        out.write("\r".toCharArray());
        out.append("\u0007");
        out.println();
        assertEquals(String.join(System.lineSeparator(), "Bundle part\\x1b[2K\\r\\x1b[32mVERIFIED\\x1b[0m.gpg",
                "user alice\\nVERIFIED: forged line", "\\x1b\\r\\x07", ""), text.toString());
    }

    @Test
    void printfKeepsItsOwnLineEndsAndEscapesTheArguments() {
        out.printf(Locale.ROOT, "%-8s %5d %s%n", "a\rb", 42, SafeTextTest.HOSTILE);
        out.format("%s|%n", "x\ty");
        assertEquals("a\\rb        42 part\\x1b[2K\\r\\x1b[32mVERIFIED\\x1b[0m.gpg" + System.lineSeparator() + "x\\ty|"
                + System.lineSeparator(), text.toString());
    }

    @Test
    void printableUnicodeIsWrittenAsItIs() {
        out.println("Zoë → 東京 ≈ 5 GiB …");
        assertEquals("Zoë → 東京 ≈ 5 GiB …" + System.lineSeparator(), text.toString());
    }
}
