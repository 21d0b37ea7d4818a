package dev.weft.wasi;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;

/** Maps host I/O failures to preview1 errnos. */
final class IoErrors {
    private IoErrors() {}

    static int errno(IOException e) {
        return switch (e) {
            case NoSuchFileException x -> WasiErrno.NOENT;
            case FileAlreadyExistsException x -> WasiErrno.EXIST;
            case DirectoryNotEmptyException x -> WasiErrno.NOTEMPTY;
            case NotDirectoryException x -> WasiErrno.NOTDIR;
            case AccessDeniedException x -> WasiErrno.ACCES;
            case FileSystemLoopException x -> WasiErrno.LOOP;
            case NotLinkException x -> WasiErrno.INVAL;
            case FileSystemException x -> byReason(x.getReason());
            default -> WasiErrno.IO;
        };
    }

    /** The errno for a {@link FileSystemException} that only carries the host's strerror text. */
    private static int byReason(String reason) {
        if (reason == null) {
            return WasiErrno.IO;
        }
        return switch (reason) {
            case "Is a directory" -> WasiErrno.ISDIR;
            case "Not a directory" -> WasiErrno.NOTDIR;
            case "Too many levels of symbolic links", "Too many levels of symbolic links or unable to access attributes of symbolic link" -> WasiErrno.LOOP;
            case "Directory not empty" -> WasiErrno.NOTEMPTY;
            case "File exists" -> WasiErrno.EXIST;
            case "No such file or directory" -> WasiErrno.NOENT;
            case "Permission denied" -> WasiErrno.ACCES;
            case "Operation not permitted" -> WasiErrno.PERM;
            case "Invalid argument" -> WasiErrno.INVAL;
            case "No space left on device" -> WasiErrno.NOSPC;
            case "Read-only file system" -> WasiErrno.ROFS;
            case "Invalid cross-device link" -> WasiErrno.XDEV;
            case "File name too long" -> WasiErrno.NAMETOOLONG;
            case "Too many open files" -> WasiErrno.MFILE;
            case "Too many open files in system" -> WasiErrno.NFILE;
            default -> WasiErrno.IO;
        };
    }
}
