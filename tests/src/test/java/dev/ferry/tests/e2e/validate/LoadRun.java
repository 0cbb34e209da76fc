package dev.ferry.tests.e2e.validate;

/** One run of ferry-import: its exit code and what it printed. */
record LoadRun(int exitCode, String out, String err) {
    String all() {
        return out + "\n" + err;
    }
}
