package dev.ferry.tests.e2e.export;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Records every file or directory created under some directories (recursively, as new directories appear) while a
 * process runs: a file that is created and deleted again still shows up, which a listing afterwards would miss.
 */
final class DirectoryWatch implements AutoCloseable {
    private final WatchService service;
    private final List<Path> created = Collections.synchronizedList(new ArrayList<>());
    private final Thread thread;

    DirectoryWatch(Path... roots) throws IOException {
        service = FileSystems.getDefault().newWatchService();
        for (Path root : roots) {
            register(root);
        }
        thread = new Thread(this::loop, "directory-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private void register(Path dir) throws IOException {
        dir.register(service, StandardWatchEventKinds.ENTRY_CREATE);
    }

    private void loop() {
        try {
            while (true) {
                WatchKey key = service.take();
                Path dir = (Path) key.watchable();
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                        created.add(dir.resolve("<overflow: events were lost>"));
                        continue;
                    }
                    Path path = dir.resolve((Path) event.context());
                    created.add(path);
                    if (Files.isDirectory(path)) {
                        try {
                            register(path);
                        } catch (IOException gone) {
                            // Created and removed at once: it is recorded above, which is what matters.
                        }
                    }
                }
                key.reset();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed
        }
    }

    /** Everything created so far, in the order seen. */
    List<Path> created() {
        synchronized (created) {
            return List.copyOf(created);
        }
    }

    @Override
    public void close() throws IOException {
        service.close();
        thread.interrupt();
    }
}
