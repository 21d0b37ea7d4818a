package dev.weft.wasi;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The guest's file descriptors: 0, 1 and 2 are the standard streams, 3 onwards the preopens,
 * then files and directories as they are opened. A new descriptor takes the lowest free number,
 * so closed numbers are reused.
 */
final class FdTable {
    /** A limit on open descriptors, reported as {@code EMFILE}. */
    static final int MAX_FDS = 1 << 16;

    private final List<Descriptor> slots = new ArrayList<>();

    /** Adds {@code d} under the lowest free number and returns that number. */
    int add(Descriptor d) {
        int free = slots.indexOf(null);
        if (free >= 0) {
            slots.set(free, d);
            return free;
        }
        if (slots.size() >= MAX_FDS) {
            throw new WasiError(WasiErrno.MFILE);
        }
        slots.add(d);
        return slots.size() - 1;
    }

    /** The descriptor {@code fd}; {@code EBADF} if it is not open. */
    Descriptor get(int fd) {
        if (fd < 0 || fd >= slots.size() || slots.get(fd) == null) {
            throw new WasiError(WasiErrno.BADF);
        }
        return slots.get(fd);
    }

    /** The directory {@code fd}; {@code EBADF} if not open, {@code ENOTDIR} if not a directory. */
    DirFd dir(int fd) {
        if (get(fd) instanceof DirFd d) {
            return d;
        }
        throw new WasiError(WasiErrno.NOTDIR);
    }

    /** Closes and frees {@code fd}. */
    void close(int fd) throws IOException {
        Descriptor d = get(fd);
        slots.set(fd, null);
        d.close();
    }

    /** Moves {@code from} to number {@code to}, closing what {@code to} held. */
    void renumber(int from, int to) throws IOException {
        Descriptor d = get(from);
        Descriptor old = get(to);
        if (from == to) {
            return;
        }
        slots.set(to, d);
        slots.set(from, null);
        old.close();
    }

    /** Closes every descriptor, ignoring failures. */
    void closeAll() {
        for (int fd = 0; fd < slots.size(); fd++) {
            Descriptor d = slots.get(fd);
            slots.set(fd, null);
            try {
                if (d != null) {
                    d.close();
                }
            } catch (IOException ignored) {
                // closing at teardown: nothing left to report the error to
            }
        }
    }
}
