package dev.weft.wasi;

import java.io.IOException;

/**
 * An open file descriptor: a standard stream, a regular file, a directory or a socket. Operations
 * a kind does not support fail with the errno POSIX gives for them.
 */
sealed interface Descriptor permits StdioFd, FileFd, DirFd, SockFd {
    /** Filetype codes of preview1. */
    int UNKNOWN = 0;
    int CHARACTER_DEVICE = 2;
    int DIRECTORY = 3;
    int REGULAR_FILE = 4;
    int SOCKET_STREAM = 6;
    int SYMBOLIC_LINK = 7;

    /** Fdflags bit: writes go to the end of the file. */
    int APPEND = 1;
    /** Fdflags bit: reads, writes and accepts that would block fail with {@code EAGAIN}. */
    int NONBLOCK = 4;

    /** The preview1 filetype. */
    int filetype();

    /** Reads up to {@code buf.length} bytes at the current position; 0 at end of file. */
    default int read(byte[] buf) throws IOException {
        throw new WasiError(WasiErrno.BADF);
    }

    /** Writes all of {@code data} at the current position (or the end when appending). */
    default int write(byte[] data) throws IOException {
        throw new WasiError(WasiErrno.BADF);
    }

    default int pread(byte[] buf, long offset) throws IOException {
        throw new WasiError(WasiErrno.SPIPE);
    }

    default int pwrite(byte[] data, long offset) throws IOException {
        throw new WasiError(WasiErrno.SPIPE);
    }

    /** Moves the position; whence 0 = set, 1 = current, 2 = end. Returns the new position. */
    default long seek(long offset, int whence) throws IOException {
        throw new WasiError(WasiErrno.SPIPE);
    }

    /** The fdflags (only {@link #APPEND} is tracked). */
    default int fdflags() {
        return 0;
    }

    default void setFdflags(int flags) {
        if (flags != 0) {
            throw new WasiError(WasiErrno.NOTSUP);
        }
    }

    /** Flushes data (and metadata when {@code metadata}) to storage. */
    default void sync(boolean metadata) throws IOException {}

    default void close() throws IOException {}
}
