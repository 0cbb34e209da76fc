package dev.ferry.common;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * A file or directory on this machine could not be written or read although the operator named it correctly: the
 * disk is full, a permission is missing, the medium is read-only or was removed. Not a configuration error: the same
 * command succeeds once the disk is fixed.
 */
public class LocalIoException extends FerryException {
    public LocalIoException(String problem, String fix, Throwable cause) {
        super(problem, fix, cause);
    }

    /** "cannot write {@code what} (path): no space left on device", with the fix given. */
    public static LocalIoException writing(String what, Path path, IOException e, String fix) {
        return new LocalIoException("cannot write " + what + " (" + path + "): " + reason(e, path), fix, e);
    }

    @Override
    public ExitCode exitCode() {
        return ExitCode.LOCAL_IO;
    }

    /** What the operating system said, in words (never the Java exception's name), naming the file if another one. */
    public static String reason(IOException e, Path concerned) {
        String reason;
        if (e instanceof AccessDeniedException) {
            reason = "permission denied";
        } else if (e instanceof NoSuchFileException) {
            reason = "no such file or directory";
        } else if (e instanceof FileAlreadyExistsException) {
            reason = "it already exists";
        } else if (e instanceof NotDirectoryException) {
            reason = "not a directory";
        } else if (e instanceof DirectoryNotEmptyException) {
            reason = "the directory is not empty";
        } else if (e instanceof FileSystemLoopException) {
            reason = "a loop of symbolic links";
        } else if (e instanceof FileSystemException fse && fse.getReason() != null) {
            reason = fse.getReason();
        } else {
            reason = e.getMessage() == null || e.getMessage().isBlank() ? "input/output error" : e.getMessage();
        }
        if (e instanceof FileSystemException fse && fse.getFile() != null && (concerned == null
                || !Path.of(fse.getFile()).toAbsolutePath().equals(concerned.toAbsolutePath()))) {
            reason += " (" + fse.getFile() + ")";
        }
        return reason;
    }
}
