package dev.ferry.stores;

/** Reading a store library's exception chain: the clients turn what they find into Ferry's own errors. */
public final class Causes {
    private Causes() {
    }

    /** Whether {@code type} is anywhere in the cause chain of {@code e} (guarding against self-causes). */
    public static boolean has(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** The innermost message of the chain, the one that names what went wrong; never a class name. */
    public static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null || t.getMessage().isBlank() ? "the store's library gave no detail" : t.getMessage();
    }
}
