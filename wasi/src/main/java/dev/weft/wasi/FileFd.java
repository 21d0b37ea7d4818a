package dev.weft.wasi;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/** A regular file open for reading and/or writing, with its own position. */
final class FileFd implements Descriptor {
    private final FileChannel channel;
    private final Path path;
    private boolean append;

    FileFd(FileChannel channel, Path path, boolean append) {
        this.channel = channel;
        this.path = path;
        this.append = append;
    }

    /** The host path the file was opened at. */
    Path path() {
        return path;
    }

    long size() throws IOException {
        return channel.size();
    }

    /** Truncates or extends (with zeros) the file to {@code size} bytes; the position stays. */
    void setSize(long size) throws IOException {
        long old = channel.size();
        if (size < old) {
            channel.truncate(size);
        } else if (size > old) {
            channel.write(ByteBuffer.wrap(new byte[1]), size - 1);
        }
    }

    @Override
    public int filetype() {
        return REGULAR_FILE;
    }

    @Override
    public int read(byte[] buf) throws IOException {
        return fill(buf, -1);
    }

    @Override
    public int pread(byte[] buf, long offset) throws IOException {
        return fill(buf, offset);
    }

    /** Reads until {@code buf} is full or the file ends; at {@code offset}, or the position when negative. */
    private int fill(byte[] buf, long offset) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(buf);
        while (bb.hasRemaining()) {
            int n = offset < 0 ? channel.read(bb) : channel.read(bb, offset + bb.position());
            if (n <= 0) {
                break;
            }
        }
        return bb.position();
    }

    @Override
    public int write(byte[] data) throws IOException {
        if (append) {
            channel.position(channel.size());
        }
        ByteBuffer bb = ByteBuffer.wrap(data);
        while (bb.hasRemaining()) {
            channel.write(bb);
        }
        return data.length;
    }

    @Override
    public int pwrite(byte[] data, long offset) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(data);
        while (bb.hasRemaining()) {
            channel.write(bb, offset + bb.position());
        }
        return data.length;
    }

    @Override
    public long seek(long offset, int whence) throws IOException {
        long base = switch (whence) {
            case 0 -> 0;
            case 1 -> channel.position();
            case 2 -> channel.size();
            default -> throw new WasiError(WasiErrno.INVAL);
        };
        long target = base + offset;
        if (target < 0) {
            throw new WasiError(WasiErrno.INVAL);
        }
        channel.position(target);
        return target;
    }

    @Override
    public int fdflags() {
        return append ? APPEND : 0;
    }

    @Override
    public void setFdflags(int flags) {
        if ((flags & ~APPEND) != 0) {
            throw new WasiError(WasiErrno.NOTSUP);
        }
        append = (flags & APPEND) != 0;
    }

    @Override
    public void sync(boolean metadata) throws IOException {
        channel.force(metadata);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
