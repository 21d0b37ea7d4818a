package dev.weft.wasi;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;

/**
 * Builds the preview1 {@code filestat} struct (64 bytes):
 * <pre>
 *   0 dev u64 | 8 ino u64 | 16 filetype u8 | 24 nlink u64 | 32 size u64
 *  40 atim u64 | 48 mtim u64 | 56 ctim u64          (times in ns since the epoch)
 * </pre>
 */
final class FileStats {
    static final int SIZE = 64;

    private static final int S_IFMT = 0170000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFSOCK = 0140000;

    private FileStats() {}

    /** The filestat of {@code path}, following a final link only when {@code follow}. */
    static ByteBuffer of(Path path, boolean follow) throws IOException {
        LinkOption[] opts = follow ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS};
        BasicFileAttributes basic = Files.readAttributes(path, BasicFileAttributes.class, opts);
        Map<String, Object> unix = unixAttributes(path, opts);
        ByteBuffer b = GuestMemory.struct(SIZE);
        b.putLong(0, number(unix.get("dev")));
        b.putLong(8, number(unix.get("ino")));
        b.put(16, (byte) filetype(basic, unix));
        b.putLong(24, unix.containsKey("nlink") ? number(unix.get("nlink")) : 1);
        b.putLong(32, basic.size());
        b.putLong(40, nanos(basic.lastAccessTime()));
        b.putLong(48, nanos(basic.lastModifiedTime()));
        b.putLong(56, unix.get("ctime") instanceof FileTime t ? nanos(t) : nanos(basic.lastModifiedTime()));
        return b;
    }

    /** The filestat of a stream (standard stream or socket): its filetype, everything else zero. */
    static ByteBuffer ofStream(int filetype) {
        ByteBuffer b = GuestMemory.struct(SIZE);
        b.put(16, (byte) filetype);
        b.putLong(24, 1);
        return b;
    }

    /** The preview1 filetype of {@code path} (not following a final link). */
    static int filetype(Path path) {
        try {
            LinkOption nofollow = LinkOption.NOFOLLOW_LINKS;
            BasicFileAttributes basic = Files.readAttributes(path, BasicFileAttributes.class, nofollow);
            return filetype(basic, unixAttributes(path, nofollow));
        } catch (IOException e) {
            return Descriptor.UNKNOWN;
        }
    }

    /** The inode number of {@code path} (not following a final link), or 0 if unknown. */
    static long inode(Path path) {
        return number(unixAttributes(path, LinkOption.NOFOLLOW_LINKS).get("ino"));
    }

    private static int filetype(BasicFileAttributes basic, Map<String, Object> unix) {
        if (basic.isDirectory()) {
            return Descriptor.DIRECTORY;
        }
        if (basic.isRegularFile()) {
            return Descriptor.REGULAR_FILE;
        }
        if (basic.isSymbolicLink()) {
            return Descriptor.SYMBOLIC_LINK;
        }
        int mode = unix.get("mode") instanceof Integer m ? m & S_IFMT : 0;
        return switch (mode) {
            case S_IFCHR -> Descriptor.CHARACTER_DEVICE;
            case S_IFBLK -> 1;
            case S_IFSOCK -> 6;
            default -> Descriptor.UNKNOWN;
        };
    }

    private static Map<String, Object> unixAttributes(Path path, LinkOption... opts) {
        try {
            return Files.readAttributes(path, "unix:dev,ino,nlink,ctime,mode", opts);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return Map.of(); // not a Unix file system view: leave the Unix-only fields zero
        }
    }

    private static long number(Object o) {
        return o instanceof Number n ? n.longValue() : 0;
    }

    private static long nanos(FileTime t) {
        Instant i = t.toInstant();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }
}
