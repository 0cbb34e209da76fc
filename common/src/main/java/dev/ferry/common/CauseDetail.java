package dev.ferry.common;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The part of a library's exception that may be shown to an operator. A refusal names the problem in Ferry's own
 * words; a library's message is added only when it was written for a person. Java class names ("EOFException",
 * "java.io.IOException: ...", the message a wrapping exception copies from its cause) and the JDK's bounds messages
 * ("Index 7 out of bounds for length 4") tell an operator nothing and are never shown.
 */
public final class CauseDetail {
    /** A qualified class name ({@code java.io.EOFException}, {@code org.bouncycastle.openpgp.PGPException}). */
    private static final Pattern QUALIFIED = Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.){2,}[A-Z][A-Za-z0-9_$]*");
    /** A simple exception or error class name ({@code EOFException}, {@code ArrayIndexOutOfBoundsException}). */
    private static final Pattern SIMPLE = Pattern.compile("\\b[A-Z][A-Za-z0-9_$]*(?:Exception|Error)\\b");
    /** What the JDK says for an index, a cast or a null it did not expect: a symptom in the code, not in the input. */
    private static final Pattern JDK_SYMPTOM = Pattern.compile(
            "(?i)\\b(?:index|offset|length|range) -?\\d+.*out of (?:bounds|range)|\\bindex out of range\\b|\\bcannot be cast to\\b|\\bCannot invoke \"|\\bbecause \"");

    private CauseDetail() {
    }

    /**
     * The first message in {@code e}'s cause chain that was written for a person, with a leading
     * "qualified.ClassName: " (the form a wrapping exception copies from its cause) taken off; empty if none is.
     */
    public static Optional<String> of(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            Optional<String> message = human(t);
            if (message.isPresent()) {
                return message;
            }
        }
        return Optional.empty();
    }

    /** " (message)" when {@link #of} finds one, else the empty string: for "it is corrupt" + {@code parenthesised(e)}. */
    public static String parenthesised(Throwable e) {
        return of(e).map(m -> " (" + m + ")").orElse("");
    }

    /** Whether {@code type} is anywhere in the cause chain of {@code e} (guarding against self-causes). */
    public static boolean inChain(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** The JDK's exceptions for an index, a null, a cast or arithmetic the code did not expect: their text describes code. */
    private static boolean isCodeSymptom(Throwable t) {
        return t instanceof IndexOutOfBoundsException || t instanceof NullPointerException || t instanceof ClassCastException
                || t instanceof ArithmeticException || t instanceof NegativeArraySizeException || t instanceof ArrayStoreException;
    }

    /** Whether {@code text} holds a Java class name: a message that does must not reach an operator. */
    public static boolean namesAClass(String text) {
        return QUALIFIED.matcher(text).find() || SIMPLE.matcher(text).find();
    }

    /** The message of {@code t} alone (not its causes), if it was written for a person; see {@link #of}. */
    public static Optional<String> human(Throwable t) {
        return isCodeSymptom(t) ? Optional.empty() : text(t.getMessage());
    }

    /** {@code message} if it was written for a person, less a leading "qualified.ClassName: "; see {@link #of}. */
    public static Optional<String> text(String message) {
        if (message == null) {
            return Optional.empty();
        }
        String m = message.strip();
        // "java.io.EOFException: premature end" is a cause's toString(): what follows the class name may be human.
        var prefix = Pattern.compile("^(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*:\\s*").matcher(m);
        while (prefix.lookingAt()) {
            m = m.substring(prefix.end()).strip();
            prefix = prefix.reset(m);
        }
        if (m.isEmpty() || namesAClass(m) || JDK_SYMPTOM.matcher(m).find()) {
            return Optional.empty();
        }
        return Optional.of(m);
    }
}
