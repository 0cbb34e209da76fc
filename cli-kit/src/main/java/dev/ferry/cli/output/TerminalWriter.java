package dev.ferry.cli.output;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Where every line of text Ferry prints goes (stdout and stderr of both tools): a {@link PrintWriter} that escapes
 * every control character ({@link SafeText}) in what it is given. Only the line ends it writes itself are raw:
 * {@code println} ends a line; a string given to {@code print} or {@code println} is always one line, so a newline
 * inside it (from a name, a key, a server message) shows as {@code \n} and cannot start a line of its own. In
 * {@code printf} the format string is the program's own (its {@code %n} ends lines); the arguments are escaped.
 *
 * <p>Text printers take a {@code TerminalWriter}, not any {@code PrintWriter}, so no output can bypass the escaping.
 */
public final class TerminalWriter extends PrintWriter {
    private final PrintStream stream;

    /** Writes to {@code stream} in the stream's own encoding; closing the writer never closes the stream. */
    public TerminalWriter(PrintStream stream) {
        super(new StreamWriter(stream), true);
        this.stream = stream;
    }

    public TerminalWriter(Writer out) {
        super(out, true);
        this.stream = null;
    }

    /** The stream under this writer, for what draws on it directly (progress bars); stderr when it has none. */
    public PrintStream stream() {
        return stream != null ? stream : System.err;
    }

    /** The command's stdout as set up by {@code CliRunner} (wrapped when the command runs without it). */
    public static TerminalWriter out(CommandSpec spec) {
        return of(spec.commandLine().getOut());
    }

    /** The command's stderr, as {@link #out}. */
    public static TerminalWriter err(CommandSpec spec) {
        return of(spec.commandLine().getErr());
    }

    public static TerminalWriter of(PrintWriter writer) {
        return writer instanceof TerminalWriter t ? t : new TerminalWriter(writer);
    }

    @Override
    public void write(int c) {
        raw(SafeText.escape(String.valueOf((char) c)));
    }

    @Override
    public void write(char[] buf, int off, int len) {
        raw(SafeText.escape(new String(buf, off, len)));
    }

    @Override
    public void write(String s, int off, int len) {
        raw(SafeText.escape(s.substring(off, off + len)));
    }

    @Override
    public PrintWriter format(String format, Object... args) {
        return format(Locale.getDefault(Locale.Category.FORMAT), format, args);
    }

    @Override
    public PrintWriter format(Locale locale, String format, Object... args) {
        Object[] safe = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            safe[i] = safeArgument(args[i]);
        }
        raw(String.format(locale, format, safe));
        flush();
        return this;
    }

    private static Object safeArgument(Object a) {
        return a == null || a instanceof Number || a instanceof Boolean || a instanceof TemporalAccessor ? a
                : SafeText.escape(String.valueOf(a));
    }

    private void raw(String s) {
        super.write(s, 0, s.length());
    }

    /** A Writer over a PrintStream, so the stream's encoding applies and System.out is never closed. */
    private static final class StreamWriter extends Writer {
        private final PrintStream stream;

        StreamWriter(PrintStream stream) {
            this.stream = stream;
        }

        @Override
        public void write(char[] buf, int off, int len) {
            stream.append(java.nio.CharBuffer.wrap(buf, off, len));
        }

        @Override
        public void write(String s, int off, int len) {
            stream.append(s, off, off + len);
        }

        @Override
        public void flush() {
            stream.flush();
        }

        @Override
        public void close() {
            stream.flush();
        }
    }
}
