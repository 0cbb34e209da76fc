package dev.ferry.stores;

import dev.ferry.common.CauseDetail;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reading a store library's exception chain: the clients turn what they find into Ferry's own errors. */
public final class Causes {
    private Causes() {
    }

    /** Whether {@code type} is anywhere in the cause chain of {@code e} (guarding against self-causes). */
    public static boolean has(Throwable e, Class<? extends Throwable> type) {
        return CauseDetail.inChain(e, type);
    }

    /**
     * The innermost message of the chain written for a person, the one that names what went wrong; never a class name
     * (see {@link CauseDetail}).
     */
    public static String rootMessage(Throwable e) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = e; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        for (int i = chain.size() - 1; i >= 0; i--) {
            Optional<String> message = CauseDetail.human(chain.get(i));
            if (message.isPresent()) {
                return message.get();
            }
        }
        return "the store's library gave no detail";
    }
}
