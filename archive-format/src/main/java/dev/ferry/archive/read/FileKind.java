package dev.ferry.archive.read;

import dev.ferry.common.CauseDetail;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * What a bundle file is when it is not a plain file. A reader never follows a link or opens anything else (a FIFO
 * would block the reader forever), and says which it found: "missing" for a symbolic link or a directory sends the
 * operator looking for a file that is there.
 */
final class FileKind {
    private FileKind() {
    }

    /** Null for a regular file; otherwise "is missing", "is a symbolic link, not a regular file", and so on. */
    static String notRegular(Path file) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return "is missing";
        } catch (IOException e) {
            return "cannot be read" + CauseDetail.parenthesised(e);
        }
        if (attributes.isRegularFile()) {
            return null;
        }
        if (attributes.isSymbolicLink()) {
            return "is a symbolic link, not a regular file";
        }
        if (attributes.isDirectory()) {
            return "is a directory, not a regular file";
        }
        return "is a FIFO, a device or a socket, not a regular file";
    }
}
