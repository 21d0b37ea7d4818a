package dev.weft.wasi;

import static dev.weft.wasi.ProcessCalls.ptr;

import dev.weft.interpreter.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Calls that name a path relative to a directory descriptor: {@code path_open},
 * {@code path_filestat_get}, {@code path_create_directory}, {@code path_remove_directory},
 * {@code path_unlink_file} and {@code path_rename}. Every path goes through
 * {@link PathResolver}, so none of them reaches outside the directory it starts from.
 */
final class PathCalls {
    /** Lookupflags bit: follow a symbolic link in the last component. */
    static final int SYMLINK_FOLLOW = 1;

    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    private final Wasi wasi;

    PathCalls(Wasi wasi) {
        this.wasi = wasi;
    }

    void register(WasiFunctions f) {
        f.add("path_open", "iiiiiIIii", this::open);
        f.add("path_filestat_get", "iiiii", a -> filestat(a[0].asInt(), a[1].asInt(), ptr(a, 2), ptr(a, 3), ptr(a, 4)));
        f.add("path_create_directory", "iii", a -> {
            Files.createDirectory(resolve(a[0].asInt(), ptr(a, 1), ptr(a, 2), false));
            return WasiErrno.SUCCESS;
        });
        f.add("path_remove_directory", "iii", a -> removeDirectory(a[0].asInt(), ptr(a, 1), ptr(a, 2)));
        f.add("path_unlink_file", "iii", a -> unlinkFile(a[0].asInt(), ptr(a, 1), ptr(a, 2)));
        f.add("path_rename", "iiiiii", a -> rename(a[0].asInt(), ptr(a, 1), ptr(a, 2), a[3].asInt(), ptr(a, 4), ptr(a, 5)));
    }

    /** The host path for the guest path at {@code [ptr, ptr + len)} relative to directory {@code fd}. */
    private Path resolve(int fd, long ptr, long len, boolean follow) throws IOException {
        DirFd dir = wasi.fds().dir(fd);
        String guest = wasi.memory().readString(ptr, len);
        return PathResolver.resolve(dir.path(), guest, follow);
    }

    /** Like {@link #resolve} but refuses the directory itself, which must not be removed or moved. */
    private Path resolveEntry(int fd, long ptr, long len) throws IOException {
        Path p = resolve(fd, ptr, len, false);
        if (p.equals(wasi.fds().dir(fd).path())) {
            throw new WasiError(WasiErrno.INVAL);
        }
        return p;
    }

    /** Whether lookupflags ask to follow a final symbolic link; other bits set: EINVAL, as a libc expects. */
    private static boolean follows(int lookupflags) {
        if ((lookupflags & ~SYMLINK_FOLLOW) != 0) {
            throw new WasiError(WasiErrno.INVAL);
        }
        return lookupflags != 0;
    }

    private int open(Value[] a) throws IOException {
        long fdPtr = ptr(a, 8);
        wasi.memory().check(fdPtr, 4);
        Path path = resolve(a[0].asInt(), ptr(a, 2), ptr(a, 3), follows(a[1].asInt()));
        OpenRequest request = new OpenRequest(a[4].asInt(), a[5].asLong(), a[7].asInt());
        int fd = wasi.fds().add(request.open(path));
        wasi.memory().writeInt(fdPtr, fd);
        return WasiErrno.SUCCESS;
    }

    private int filestat(int fd, int flags, long ptr, long len, long resultPtr) throws IOException {
        wasi.memory().check(resultPtr, FileStats.SIZE);
        boolean follow = follows(flags);
        Path path = resolve(fd, ptr, len, follow);
        wasi.memory().write(resultPtr, FileStats.of(path, follow).array());
        return WasiErrno.SUCCESS;
    }

    private int removeDirectory(int fd, long ptr, long len) throws IOException {
        Path path = resolveEntry(fd, ptr, len);
        if (!Files.isDirectory(path, NOFOLLOW)) {
            return Files.exists(path, NOFOLLOW) ? WasiErrno.NOTDIR : WasiErrno.NOENT;
        }
        Files.delete(path);
        return WasiErrno.SUCCESS;
    }

    private int unlinkFile(int fd, long ptr, long len) throws IOException {
        Path path = resolveEntry(fd, ptr, len);
        if (Files.isDirectory(path, NOFOLLOW)) {
            return WasiErrno.ISDIR;
        }
        Files.delete(path);
        return WasiErrno.SUCCESS;
    }

    private int rename(int fd, long ptr, long len, int newFd, long newPtr, long newLen) throws IOException {
        Path from = resolveEntry(fd, ptr, len);
        Path to = resolveEntry(newFd, newPtr, newLen);
        if (!Files.exists(from, NOFOLLOW)) {
            return WasiErrno.NOENT;
        }
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        return WasiErrno.SUCCESS;
    }
}
