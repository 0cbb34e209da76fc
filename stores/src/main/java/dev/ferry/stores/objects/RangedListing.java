package dev.ferry.stores.objects;

import io.minio.Result;
import io.minio.messages.Item;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * One bucket listed in several ranges at once. A listing is a chain of pages, each waiting for the one before: for a
 * bucket of many thousand objects that chain, not the network, is what takes the time (S3Proxy answers about one key
 * per millisecond, S3 a page per round trip). Range {@code i} lists from just after a split key, and range
 * {@code i - 1} stops at the first key range {@code i} listed, in the server's own order: so the ranges meet whatever
 * that order is, even if the split keys are stale or the server sorts otherwise than Java. A range whose successor
 * lists nothing goes on to the end. The split keys are only guesses at where the keys lie (a sample of the keys the
 * bucket should hold); bad guesses cost time, never a key.
 */
final class RangedListing {
    /** Fewer keys per range than this are not worth a thread. */
    static final int MIN_KEYS_PER_RANGE = 256;

    /** The listing of the bucket from just after {@code startAfter} (null: from its first key). */
    @FunctionalInterface
    interface Lister {
        Iterator<Result<Item>> from(String startAfter);
    }

    private final List<String> splits;
    private final Lister lister;
    private final Function<Item, ObjectInfo> info;

    RangedListing(List<String> splits, Lister lister, Function<Item, ObjectInfo> info) {
        this.splits = splits;
        this.lister = lister;
        this.info = info;
    }

    /** Up to {@code ranges - 1} split keys, spread evenly over the sorted sample; none when the sample is too small. */
    static List<String> splits(Collection<String> sample, int ranges) {
        List<String> sorted = sample.stream().sorted().distinct().toList();
        int n = Math.min(ranges, sorted.size() / MIN_KEYS_PER_RANGE);
        List<String> out = new ArrayList<>();
        for (int i = 1; i < n; i++) {
            out.add(sorted.get(i * sorted.size() / n));
        }
        return out;
    }

    NavigableMap<String, ObjectInfo> run() throws Exception {
        int n = splits.size() + 1;
        ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "ferry-list-range");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Iterator<Result<Item>>> ranges = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ranges.add(lister.from(i == 0 ? null : splits.get(i - 1)));
            }
            List<Future<Item>> firstOf = new ArrayList<>();
            for (Iterator<Result<Item>> range : ranges) {
                firstOf.add(pool.submit(() -> next(range)));
            }
            List<Item> first = all(firstOf);
            List<Future<List<ObjectInfo>>> parts = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Iterator<Result<Item>> range = ranges.get(i);
                Item start = first.get(i);
                String stop = i + 1 < n && first.get(i + 1) != null ? first.get(i + 1).objectName() : null;
                parts.add(pool.submit((Callable<List<ObjectInfo>>) () -> {
                    List<ObjectInfo> out = new ArrayList<>();
                    for (Item item = start; item != null && !item.objectName().equals(stop); item = next(range)) {
                        out.add(info.apply(item));
                    }
                    return out;
                }));
            }
            NavigableMap<String, ObjectInfo> all = new TreeMap<>();
            for (List<ObjectInfo> part : all(parts)) {
                part.forEach(o -> all.put(o.key(), o));
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Item next(Iterator<Result<Item>> range) throws Exception {
        return range.hasNext() ? range.next().get() : null;
    }

    /** Every result, in order; a range's failure is thrown as itself (the caller tells "no such bucket" from the rest). */
    private static <T> List<T> all(List<Future<T>> futures) throws Exception {
        List<T> out = new ArrayList<>();
        for (Future<T> f : futures) {
            try {
                out.add(f.get());
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        }
        return out;
    }
}
