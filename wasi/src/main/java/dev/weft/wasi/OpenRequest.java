package dev.weft.wasi;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * The flags of one {@code path_open} call and how they open a resolved host path. Rights only
 * say whether the guest means to read ({@code fd_read}) and/or write ({@code fd_write}).
 *
 * @param oflags  1 creat, 2 directory, 4 excl, 8 trunc
 * @param rights  the requested base rights
 * @param fdflags 1 append, 2 dsync, 4 nonblock, 8 rsync, 16 sync
 */
record OpenRequest(int oflags, long rights, int fdflags) {
    static final int CREAT = 1;
    static final int DIRECTORY = 2;
    static final int EXCL = 4;
    static final int TRUNC = 8;
    static final long RIGHT_FD_READ = 1L << 1;
    static final long RIGHT_FD_WRITE = 1L << 6;
    static final int FDFLAG_DSYNC = 2;
    static final int FDFLAG_RSYNC = 8;
    static final int FDFLAG_SYNC = 16;

    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    private boolean has(int flag) {
        return (oflags & flag) != 0;
    }

    private boolean writes() {
        return (rights & RIGHT_FD_WRITE) != 0 || has(TRUNC) || (fdflags & Descriptor.APPEND) != 0;
    }

    /** Opens {@code path} as a directory or file descriptor, creating the file if asked. */
    Descriptor open(Path path) throws IOException {
        if (Files.isDirectory(path, NOFOLLOW)) {
            return openDirectory(path);
        }
        if (has(DIRECTORY)) {
            throw new WasiError(Files.exists(path, NOFOLLOW) ? WasiErrno.NOTDIR : WasiErrno.NOENT);
        }
        if (Files.isSymbolicLink(path)) {
            throw new WasiError(WasiErrno.LOOP); // a final link with symlink_follow unset
        }
        if (has(CREAT)) {
            create(path);
        }
        FileChannel channel = FileChannel.open(path, options());
        return new FileFd(channel, path, (fdflags & Descriptor.APPEND) != 0);
    }

    private Descriptor openDirectory(Path path) {
        if (has(CREAT) && has(EXCL)) {
            throw new WasiError(WasiErrno.EXIST);
        }
        if (has(TRUNC) || ((rights & RIGHT_FD_WRITE) != 0 && !has(DIRECTORY))) {
            throw new WasiError(WasiErrno.ISDIR);
        }
        return new DirFd(path, null);
    }

    private void create(Path path) throws IOException {
        try {
            Files.createFile(path);
        } catch (FileAlreadyExistsException e) {
            if (has(EXCL)) {
                throw e;
            }
        }
    }

    private Set<OpenOption> options() {
        Set<OpenOption> opts = new HashSet<>();
        opts.add(NOFOLLOW);
        boolean write = writes();
        if ((rights & RIGHT_FD_READ) != 0 || !write) {
            opts.add(StandardOpenOption.READ);
        }
        if (write) {
            opts.add(StandardOpenOption.WRITE);
        }
        if (has(TRUNC)) {
            opts.add(StandardOpenOption.TRUNCATE_EXISTING);
        }
        if ((fdflags & (FDFLAG_SYNC | FDFLAG_RSYNC)) != 0) {
            opts.add(StandardOpenOption.SYNC);
        } else if ((fdflags & FDFLAG_DSYNC) != 0) {
            opts.add(StandardOpenOption.DSYNC);
        }
        return opts;
    }
}
