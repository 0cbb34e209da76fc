package dev.ferry.importer.validate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Names the rows that make two COPY outputs of one table differ, once their fingerprints said they do. Both streams
 * are the table in primary-key order (the fingerprint's own definition), so one pass with one row of look-ahead finds
 * a changed, missing or extra row. Only primary keys and column names are named, never values: a value can hold a
 * document's file name.
 */
public final class TableDiff {
    private final String table;
    private final List<String> columns;
    private final int[] keyIndexes;

    public TableDiff(String table, List<String> columns, List<String> primaryKey) {
        this.table = table;
        this.columns = List.copyOf(columns);
        this.keyIndexes = primaryKey.stream().mapToInt(k -> {
            int i = columns.indexOf(k);
            if (i < 0) {
                throw new IllegalArgumentException("primary key column " + k + " is not among the columns of " + table);
            }
            return i;
        }).toArray();
    }

    /** Compares the bundle's COPY bytes with the Target's and adds one difference per differing row. */
    public void compare(InputStream bundle, InputStream target, Differences out) {
        try (Rows expected = new Rows(bundle); Rows actual = new Rows(target)) {
            while (expected.current() != null || actual.current() != null) {
                String[] a = expected.current();
                String[] b = actual.current();
                if (a == null) {
                    out.add("row " + key(b) + " is on the Target but not in the bundle");
                    actual.advance();
                } else if (b == null) {
                    out.add("row " + key(a) + " is in the bundle but missing on the Target");
                    expected.advance();
                } else if (sameKey(a, b)) {
                    List<String> changed = changedColumns(a, b);
                    if (!changed.isEmpty()) {
                        out.add("row " + key(a) + " differs in column(s): " + String.join(", ", changed));
                    }
                    expected.advance();
                    actual.advance();
                } else if (actual.next() != null && sameKey(a, actual.next())) {
                    out.add("row " + key(b) + " is on the Target but not in the bundle");
                    actual.advance();
                } else if (expected.next() != null && sameKey(expected.next(), b)) {
                    out.add("row " + key(a) + " is in the bundle but missing on the Target");
                    expected.advance();
                } else {
                    out.add("row " + key(a) + " is in the bundle but missing on the Target");
                    out.add("row " + key(b) + " is on the Target but not in the bundle");
                    expected.advance();
                    actual.advance();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean sameKey(String[] a, String[] b) {
        for (int i : keyIndexes) {
            if (!field(a, i).equals(field(b, i))) {
                return false;
            }
        }
        return true;
    }

    /** The primary-key fields of a row, as COPY text: equal texts mean equal keys (both sides use one COPY definition). */
    String[] keyFields(String[] row) {
        String[] key = new String[keyIndexes.length];
        for (int k = 0; k < keyIndexes.length; k++) {
            key[k] = field(row, keyIndexes[k]);
        }
        return key;
    }

    /** One COPY text line split into its fields (tabs inside values are escaped by COPY). */
    static String[] fields(String line) {
        return line.split("\t", -1);
    }

    List<String> changedColumns(String[] a, String[] b) {
        List<String> changed = new ArrayList<>();
        int n = Math.max(Math.max(a.length, b.length), columns.size());
        for (int i = 0; i < n; i++) {
            if (!field(a, i).equals(field(b, i))) {
                changed.add(i < columns.size() ? columns.get(i) : "#" + (i + 1));
            }
        }
        return changed;
    }

    String key(String[] row) {
        StringBuilder sb = new StringBuilder(table).append('(');
        for (int k = 0; k < keyIndexes.length; k++) {
            if (k > 0) {
                sb.append(", ");
            }
            sb.append(columns.get(keyIndexes[k])).append("='").append(field(row, keyIndexes[k])).append('\'');
        }
        return sb.append(')').toString();
    }

    private static String field(String[] row, int i) {
        return i < row.length ? row[i] : "";
    }

    /** COPY text rows, one line each (newlines inside values are escaped by COPY), with one row of look-ahead. */
    private static final class Rows implements AutoCloseable {
        private final BufferedReader reader;
        private String[] current;
        private String[] next;

        Rows(InputStream in) throws IOException {
            reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
            current = read();
            next = read();
        }

        String[] current() {
            return current;
        }

        String[] next() {
            return next;
        }

        void advance() {
            current = next;
            try {
                next = read();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private String[] read() throws IOException {
            String line = reader.readLine();
            return line == null ? null : fields(line);
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }
}
