package dev.weft.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fd_readdir over a temporary directory: dirent layout, cookies and short buffers. */
class ReaddirTest {
    private static final int BUF = 1000;
    private static final int USED = 200;

    /** One decoded dirent. */
    private record Dirent(long next, long ino, String name, int type) {}

    @TempDir
    Path dir;

    private WasiGuest g;

    @BeforeEach
    void setUp() throws Exception {
        Files.createDirectory(dir.resolve("a"));
        Files.writeString(dir.resolve("b.txt"), "bee");
        Files.createSymbolicLink(dir.resolve("c"), Path.of("b.txt"));
        g = new WasiGuest(WasiConfig.builder().preopen(dir, "d").build());
    }

    private List<Dirent> read(long cookie, int length) {
        assertEquals(0, g.call("fd_readdir", 3, BUF, length, cookie, USED));
        int used = g.i32(USED);
        List<Dirent> out = new ArrayList<>();
        int at = BUF;
        while (at + Readdir.DIRENT_SIZE <= BUF + used) {
            int namelen = g.i32(at + 16);
            if (at + Readdir.DIRENT_SIZE + namelen > BUF + used) {
                break;
            }
            out.add(new Dirent(g.i64(at), g.i64(at + 8), g.string(at + 24, namelen), g.u8(at + 20)));
            at += Readdir.DIRENT_SIZE + namelen;
        }
        return out;
    }

    @Test
    void listsDotDotDotAndTheEntriesInNameOrderWithTheirTypes() {
        List<Dirent> all = read(0, 4096);
        assertEquals(List.of(".", "..", "a", "b.txt", "c"), all.stream().map(Dirent::name).toList());
        assertEquals(List.of(3, 3, 3, 4, 7), all.stream().map(Dirent::type).toList());
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), all.stream().map(Dirent::next).toList());
        assertTrue(all.get(3).ino() != 0, "a file has its inode number");
    }

    @Test
    void aCookieResumesAfterTheEntriesAlreadySeen() {
        List<Dirent> rest = read(3, 4096);
        assertEquals(List.of("b.txt", "c"), rest.stream().map(Dirent::name).toList());
        assertTrue(read(5, 4096).isEmpty());
        assertTrue(read(1000, 4096).isEmpty());
    }

    @Test
    void aShortBufferIsFilledCompletelySoTheGuestCallsAgain() {
        int length = Readdir.DIRENT_SIZE + 1 + Readdir.DIRENT_SIZE + 1;
        List<Dirent> first = read(0, length);
        assertEquals(length, g.i32(USED));
        assertEquals(List.of("."), first.stream().map(Dirent::name).toList());
        assertEquals(List.of(".."), read(first.getLast().next(), 26).stream().map(Dirent::name).toList());
    }

    @Test
    void readingAFileAsADirectoryIsEnotdirAndAnUnknownFdIsEbadf() {
        int fd = g.open(3, "b.txt", 0, OpenRequest.RIGHT_FD_READ, 0);
        assertEquals(WasiErrno.NOTDIR, g.call("fd_readdir", fd, BUF, 100, 0, USED));
        assertEquals(WasiErrno.BADF, g.call("fd_readdir", 99, BUF, 100, 0, USED));
    }

    @Test
    void aBufferOutsideMemoryIsEfault() {
        assertEquals(WasiErrno.FAULT, g.call("fd_readdir", 3, 65536 - 10, 100, 0, USED));
        assertEquals(WasiErrno.FAULT, g.call("fd_readdir", 3, BUF, 100, 0, 65535));
    }

    @Test
    void aSubdirectoryOpenedByPathCanBeListed() throws Exception {
        Files.writeString(dir.resolve("a/inner"), "");
        int sub = g.open(3, "a", OpenRequest.DIRECTORY, OpenRequest.RIGHT_FD_READ, 0);
        assertEquals(0, g.call("fd_readdir", sub, BUF, 4096, 2, USED));
        assertEquals("inner", g.string(BUF + 24, g.i32(BUF + 16)));
    }
}
