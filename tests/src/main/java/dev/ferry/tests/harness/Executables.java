package dev.ferry.tests.harness;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/** Finds a program on PATH, as a shell would. */
final class Executables {
    private Executables() {
    }

    static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Arrays.stream(path.split(File.pathSeparator)).filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, name)).filter(Files::isRegularFile).filter(Files::isExecutable).findFirst();
    }
}
