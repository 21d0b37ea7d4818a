package dev.weft.wasi;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An open directory. Paths given relative to it resolve inside {@code path} and never above it
 * (see {@link PathResolver}). A preopen carries the name the guest sees; others have none.
 *
 * @param path        the directory on the host, free of symbolic links
 * @param preopenName the guest name of a preopened directory, or null
 */
record DirFd(Path path, String preopenName) implements Descriptor {
    @Override
    public int filetype() {
        return DIRECTORY;
    }

    @Override
    public int read(byte[] buf) throws IOException {
        throw new WasiError(WasiErrno.ISDIR);
    }

    @Override
    public int pread(byte[] buf, long offset) throws IOException {
        throw new WasiError(WasiErrno.ISDIR);
    }

    @Override
    public int pwrite(byte[] data, long offset) throws IOException {
        throw new WasiError(WasiErrno.BADF);
    }

    @Override
    public long seek(long offset, int whence) throws IOException {
        throw new WasiError(WasiErrno.BADF);
    }
}
