package dev.weft.wasi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Standard input (a readable stream) or standard output/error (a writable stream). Not seekable. */
final class StdioFd implements Descriptor {
    private final InputStream in;
    private final OutputStream out;

    private StdioFd(InputStream in, OutputStream out) {
        this.in = in;
        this.out = out;
    }

    static StdioFd input(InputStream in) {
        return new StdioFd(in, null);
    }

    static StdioFd output(OutputStream out) {
        return new StdioFd(null, out);
    }

    @Override
    public int filetype() {
        return CHARACTER_DEVICE;
    }

    @Override
    public int read(byte[] buf) throws IOException {
        if (in == null) {
            throw new WasiError(WasiErrno.BADF);
        }
        if (buf.length == 0) {
            return 0;
        }
        int n = in.read(buf);
        return Math.max(n, 0);
    }

    @Override
    public int write(byte[] data) throws IOException {
        if (out == null) {
            throw new WasiError(WasiErrno.BADF);
        }
        out.write(data);
        out.flush();
        return data.length;
    }

    @Override
    public void sync(boolean metadata) throws IOException {
        if (out != null) {
            out.flush();
        }
    }

    /** The host's streams stay open: closing the guest's stdio only detaches it. */
    @Override
    public void close() throws IOException {
        if (out != null) {
            out.flush();
        }
    }
}
