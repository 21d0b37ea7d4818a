package dev.weft.wasi;

import static dev.weft.wasi.ProcessCalls.ptr;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code fd_readdir}: the entries of a directory as a sequence of dirents, each a 24-byte header
 * followed by the name (not NUL-terminated):
 * <pre>
 *   0 d_next u64 (cookie of the next entry) | 8 d_ino u64 | 16 d_namlen u32 | 20 d_type u8
 * </pre>
 * The entries are {@code .}, {@code ..} and then the names in sorted order; entry {@code i} has
 * cookie {@code i}, so a cookie is a stable position as long as the directory does not change.
 * The sequence is cut at the buffer's length; a full buffer tells the guest to call again.
 */
final class Readdir {
    static final int DIRENT_SIZE = 24;

    private final Wasi wasi;

    Readdir(Wasi wasi) {
        this.wasi = wasi;
    }

    void register(WasiFunctions f) {
        f.add("fd_readdir", "iiiIi", a -> readdir(a[0].asInt(), ptr(a, 1), ptr(a, 2), a[3].asLong(), ptr(a, 4)));
    }

    private int readdir(int fd, long buf, long length, long cookie, long resultPtr) throws IOException {
        DirFd dir = wasi.fds().dir(fd);
        GuestMemory mem = wasi.memory();
        mem.check(buf, length);
        mem.check(resultPtr, 4);
        List<String> names = names(dir.path());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (long i = cookie; i >= 0 && i < names.size() && out.size() < length; i++) {
            out.writeBytes(dirent(dir.path(), names.get((int) i), i + 1));
        }
        byte[] bytes = out.toByteArray();
        int used = (int) Math.min(bytes.length, length);
        byte[] part = new byte[used];
        System.arraycopy(bytes, 0, part, 0, used);
        mem.write(buf, part);
        mem.writeInt(resultPtr, used);
        return WasiErrno.SUCCESS;
    }

    private static List<String> names(Path dir) throws IOException {
        List<String> names = new ArrayList<>(List.of(".", ".."));
        try (Stream<Path> entries = Files.list(dir)) {
            entries.map(p -> p.getFileName().toString()).sorted().forEach(names::add);
        }
        return names;
    }

    /** The dirent of {@code name} in {@code dir}; {@code ..} gets inode 0 (it may lie outside). */
    private static byte[] dirent(Path dir, String name, long next) {
        byte[] encoded = name.getBytes(StandardCharsets.UTF_8);
        Path entry = name.equals(".") ? dir : dir.resolve(name);
        boolean parent = name.equals("..");
        ByteBuffer b = GuestMemory.struct(DIRENT_SIZE + encoded.length);
        b.putLong(0, next);
        b.putLong(8, parent ? 0 : FileStats.inode(entry));
        b.putInt(16, encoded.length);
        b.put(20, (byte) (parent ? Descriptor.DIRECTORY : FileStats.filetype(entry)));
        b.put(DIRENT_SIZE, encoded);
        return b.array();
    }
}
