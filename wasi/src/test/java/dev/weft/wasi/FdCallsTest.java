package dev.weft.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading, writing, seeking, status and preopen queries on descriptors. */
class FdCallsTest {
    private static final long READ = OpenRequest.RIGHT_FD_READ;
    private static final long WRITE = OpenRequest.RIGHT_FD_WRITE;
    private static final long MEMORY_SIZE = 65536;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private WasiGuest g;

    @BeforeEach
    void setUp() throws Exception {
        g = new WasiGuest(WasiConfig.builder()
                .stdin(new ByteArrayInputStream("input line\n".getBytes(StandardCharsets.UTF_8)))
                .stdout(stdout).stderr(stderr)
                .preopen(dir, "/sandbox")
                .build());
    }

    /** Puts {@code text} at 400 and one iovec for it at 100. */
    private void oneIovec(String text) {
        g.putIovec(100, 400, g.putString(400, text));
    }

    @Nested
    class Stdio {
        @Test
        void fdWriteGathersAllIovecsToStdout() {
            g.putString(400, "Hello, ");
            g.putString(420, "world!\n");
            g.putIovec(100, 400, 7);
            g.putIovec(108, 420, 7);
            assertEquals(0, g.call("fd_write", 1, 100, 2, 200));
            assertEquals(14, g.i32(200));
            assertEquals("Hello, world!\n", stdout.toString(StandardCharsets.UTF_8));
        }

        @Test
        void fdWriteToStderrIsCapturedSeparately() {
            oneIovec("oops");
            assertEquals(0, g.call("fd_write", 2, 100, 1, 200));
            assertEquals("oops", stderr.toString(StandardCharsets.UTF_8));
            assertEquals("", stdout.toString(StandardCharsets.UTF_8));
        }

        @Test
        void fdReadScattersStdinOverIovecs() {
            g.putIovec(100, 400, 5);
            g.putIovec(108, 500, 20);
            assertEquals(0, g.call("fd_read", 0, 100, 2, 200));
            assertEquals(11, g.i32(200));
            assertEquals("input", g.string(400, 5));
            assertEquals(" line\n", g.string(500, 6));
        }

        @Test
        void readingStdinAtItsEndGivesZeroBytes() {
            g.putIovec(100, 400, 64);
            assertEquals(0, g.call("fd_read", 0, 100, 1, 200));
            assertEquals(0, g.call("fd_read", 0, 100, 1, 200));
            assertEquals(0, g.i32(200));
        }

        @Test
        void stdioCannotSeekOrBeReadTheWrongWay() {
            assertEquals(WasiErrno.SPIPE, g.call("fd_seek", 1, 0, 0, 200));
            assertEquals(WasiErrno.SPIPE, g.call("fd_tell", 0, 200));
            g.putIovec(100, 400, 4);
            assertEquals(WasiErrno.BADF, g.call("fd_read", 1, 100, 1, 200));
            assertEquals(WasiErrno.BADF, g.call("fd_write", 0, 100, 1, 200));
        }

        @Test
        void stdioIsACharacterDevice() {
            assertEquals(0, g.call("fd_fdstat_get", 1, 200));
            assertEquals(Descriptor.CHARACTER_DEVICE, g.u8(200));
            assertEquals(0, g.call("fd_filestat_get", 1, 300));
            assertEquals(Descriptor.CHARACTER_DEVICE, g.u8(316));
        }
    }

    @Nested
    class BadArguments {
        @Test
        void anUnknownDescriptorIsEbadf() {
            oneIovec("x");
            assertEquals(WasiErrno.BADF, g.call("fd_write", 9, 100, 1, 200));
            assertEquals(WasiErrno.BADF, g.call("fd_read", -1, 100, 1, 200));
            assertEquals(WasiErrno.BADF, g.call("fd_close", 42));
            assertEquals(WasiErrno.BADF, g.call("fd_fdstat_get", 42, 200));
            assertEquals(WasiErrno.BADF, g.call("fd_sync", 42));
        }

        @Test
        void anIovecArrayOutsideMemoryIsEfault() {
            assertEquals(WasiErrno.FAULT, g.call("fd_write", 1, MEMORY_SIZE - 4, 1, 200));
            assertEquals(WasiErrno.FAULT, g.call("fd_write", 1, 100, 0x2000_0000, 200));
            assertEquals("", stdout.toString(StandardCharsets.UTF_8));
        }

        @Test
        void anIovecBufferOutsideMemoryIsEfaultAndNothingIsWritten() {
            g.putIovec(100, 400, 3);
            g.putIovec(108, (int) MEMORY_SIZE - 2, 3);
            assertEquals(WasiErrno.FAULT, g.call("fd_write", 1, 100, 2, 200));
            g.putIovec(108, -1, 1);
            assertEquals(WasiErrno.FAULT, g.call("fd_read", 0, 100, 2, 200));
            assertEquals("", stdout.toString(StandardCharsets.UTF_8));
        }

        @Test
        void overlappingIovecsLargerThanOneChunkAreWrittenInPieces() throws Exception {
            int fd = g.open(3, "big", OpenRequest.CREAT, WRITE, 0);
            int count = 2 * FdCalls.MAX_CHUNK / 65536 + 3;
            for (int i = 0; i < count; i++) {
                g.putIovec(100 + 8L * i, 0, 65536);
            }
            assertEquals(0, g.call("fd_write", fd, 100, count, 200));
            assertEquals(count * 65536, g.i32(200));
            assertEquals(count * 65536L, Files.size(dir.resolve("big")));
        }

        @Test
        void aResultPointerOutsideMemoryIsEfaultBeforeAnySideEffect() {
            oneIovec("never");
            assertEquals(WasiErrno.FAULT, g.call("fd_write", 1, 100, 1, MEMORY_SIZE));
            assertEquals("", stdout.toString(StandardCharsets.UTF_8));
        }
    }

    @Nested
    class RegularFiles {
        @Test
        void writeSeekAndReadBackAFile() throws Exception {
            int fd = g.open(3, "data.txt", OpenRequest.CREAT, READ | WRITE, 0);
            oneIovec("0123456789");
            assertEquals(0, g.call("fd_write", fd, 100, 1, 200));
            assertEquals(0, g.call("fd_tell", fd, 200));
            assertEquals(10, g.i64(200));
            assertEquals(0, g.call("fd_seek", fd, -4, 1, 200));
            assertEquals(6, g.i64(200));
            g.putIovec(100, 600, 10);
            assertEquals(0, g.call("fd_read", fd, 100, 1, 200));
            assertEquals(4, g.i32(200));
            assertEquals("6789", g.string(600, 4));
            assertEquals(0, g.call("fd_seek", fd, -3, 2, 200));
            assertEquals(7, g.i64(200));
            assertEquals("0123456789", Files.readString(dir.resolve("data.txt")));
        }

        @Test
        void seekingBeforeTheStartOrWithABadWhenceIsEinval() {
            int fd = g.open(3, "f", OpenRequest.CREAT, READ | WRITE, 0);
            assertEquals(WasiErrno.INVAL, g.call("fd_seek", fd, -1, 0, 200));
            assertEquals(WasiErrno.INVAL, g.call("fd_seek", fd, 0, 3, 200));
        }

        @Test
        void preadAndPwriteUseTheOffsetAndLeaveThePosition() throws Exception {
            Files.writeString(dir.resolve("p.txt"), "abcdefgh");
            int fd = g.open(3, "p.txt", 0, READ | WRITE, 0);
            oneIovec("XY");
            assertEquals(0, g.call("fd_pwrite", fd, 100, 1, 3, 200));
            assertEquals(2, g.i32(200));
            g.putIovec(100, 600, 4);
            assertEquals(0, g.call("fd_pread", fd, 100, 1, 2, 200));
            assertEquals("cXYf", g.string(600, 4));
            assertEquals(0, g.call("fd_tell", fd, 200));
            assertEquals(0, g.i64(200));
            assertEquals("abcXYfgh", Files.readString(dir.resolve("p.txt")));
        }

        @Test
        void appendModeWritesAtTheEndAndShowsInFdstat() throws Exception {
            Files.writeString(dir.resolve("log"), "one\n");
            int fd = g.open(3, "log", 0, WRITE, Descriptor.APPEND);
            oneIovec("two\n");
            assertEquals(0, g.call("fd_write", fd, 100, 1, 200));
            assertEquals("one\ntwo\n", Files.readString(dir.resolve("log")));
            assertEquals(0, g.call("fd_fdstat_get", fd, 300));
            assertEquals(Descriptor.REGULAR_FILE, g.u8(300));
            assertEquals(Descriptor.APPEND, g.memory.read(302, 1)[0]);
            assertEquals(0, g.call("fd_fdstat_set_flags", fd, 0));
            assertEquals(0, g.call("fd_fdstat_get", fd, 300));
            assertEquals(0, g.memory.read(302, 1)[0]);
            assertEquals(WasiErrno.NOTSUP, g.call("fd_fdstat_set_flags", fd, 4));
        }

        @Test
        void readingAWriteOnlyFileIsEbadf() {
            int fd = g.open(3, "w", OpenRequest.CREAT, WRITE, 0);
            g.putIovec(100, 600, 4);
            assertEquals(WasiErrno.BADF, g.call("fd_read", fd, 100, 1, 200));
        }

        @Test
        void filestatReportsTypeAndSize() throws Exception {
            Files.writeString(dir.resolve("s"), "12345");
            int fd = g.open(3, "s", 0, READ, 0);
            assertEquals(0, g.call("fd_filestat_get", fd, 300));
            assertEquals(Descriptor.REGULAR_FILE, g.u8(316));
            assertEquals(5, g.i64(332));
            assertTrue(g.i64(348) > 0, "mtim");
        }

        @Test
        void anOpenFileWhoseNameWasUnlinkedStillHasAFilestat() throws Exception {
            int fd = g.open(3, "tmp", OpenRequest.CREAT, READ | WRITE, 0);
            oneIovec("abc");
            assertEquals(0, g.call("fd_write", fd, 100, 1, 200));
            Files.delete(dir.resolve("tmp"));
            assertEquals(0, g.call("fd_filestat_get", fd, 300));
            assertEquals(Descriptor.REGULAR_FILE, g.u8(316));
            assertEquals(3, g.i64(332));
        }

        @Test
        void writingToADirectoryIsEbadf() {
            oneIovec("x");
            assertEquals(WasiErrno.BADF, g.call("fd_write", 3, 100, 1, 200));
            assertEquals(WasiErrno.BADF, g.call("fd_pwrite", 3, 100, 1, 0, 200));
            assertEquals(WasiErrno.BADF, g.call("fd_filestat_set_size", 3, 0));
        }

        @Test
        void setSizeTruncatesAndAllocateOnlyGrows() throws Exception {
            Files.writeString(dir.resolve("z"), "123456");
            int fd = g.open(3, "z", 0, READ | WRITE, 0);
            assertEquals(0, g.call("fd_filestat_set_size", fd, 2));
            assertEquals(2, Files.size(dir.resolve("z")));
            assertEquals(0, g.call("fd_allocate", fd, 0, 1));
            assertEquals(2, Files.size(dir.resolve("z")));
            assertEquals(0, g.call("fd_allocate", fd, 4, 4));
            assertEquals(8, Files.size(dir.resolve("z")));
        }

        @Test
        void syncDatasyncAndAdviseSucceedOnAnOpenFile() {
            int fd = g.open(3, "q", OpenRequest.CREAT, WRITE, 0);
            assertEquals(0, g.call("fd_sync", fd));
            assertEquals(0, g.call("fd_datasync", fd));
            assertEquals(0, g.call("fd_advise", fd, 0, 100, 2));
            assertEquals(WasiErrno.INVAL, g.call("fd_advise", fd, 0, 100, 6));
        }

        @Test
        void closedNumbersAreReused() {
            int a = g.open(3, "a", OpenRequest.CREAT, WRITE, 0);
            int b = g.open(3, "b", OpenRequest.CREAT, WRITE, 0);
            assertEquals(4, a);
            assertEquals(5, b);
            assertEquals(0, g.call("fd_close", a));
            assertEquals(WasiErrno.BADF, g.call("fd_close", a));
            assertEquals(4, g.open(3, "c", OpenRequest.CREAT, WRITE, 0));
        }

        @Test
        void renumberMovesADescriptorOverAnother() throws Exception {
            int a = g.open(3, "a", OpenRequest.CREAT, WRITE, 0);
            int b = g.open(3, "b", OpenRequest.CREAT, WRITE, 0);
            assertEquals(0, g.call("fd_renumber", a, b));
            oneIovec("via b");
            assertEquals(0, g.call("fd_write", b, 100, 1, 200));
            assertEquals("via b", Files.readString(dir.resolve("a")));
            assertEquals(WasiErrno.BADF, g.call("fd_write", a, 100, 1, 200));
        }
    }

    @Nested
    class Preopens {
        @Test
        void aPreopenReportsItsGuestName() {
            assertEquals(0, g.call("fd_prestat_get", 3, 200));
            assertEquals(0, g.u8(200));
            assertEquals(8, g.i32(204));
            assertEquals(0, g.call("fd_prestat_dir_name", 3, 300, 8));
            assertEquals("/sandbox", g.string(300, 8));
        }

        @Test
        void aTooShortNameBufferIsNametoolong() {
            assertEquals(WasiErrno.NAMETOOLONG, g.call("fd_prestat_dir_name", 3, 300, 4));
        }

        @Test
        void descriptorsThatAreNotPreopensAreEbadf() {
            assertEquals(WasiErrno.BADF, g.call("fd_prestat_get", 1, 200));
            assertEquals(WasiErrno.BADF, g.call("fd_prestat_get", 4, 200));
            int sub = g.open(3, ".", OpenRequest.DIRECTORY, READ, 0);
            assertEquals(WasiErrno.BADF, g.call("fd_prestat_get", sub, 200));
        }

        @Test
        void aPreopenIsADirectoryWithInheritableRights() {
            assertEquals(0, g.call("fd_fdstat_get", 3, 200));
            assertEquals(Descriptor.DIRECTORY, g.u8(200));
            assertEquals(FdCalls.ALL_RIGHTS, g.i64(216));
            assertEquals(0, g.call("fd_filestat_get", 3, 300));
            assertEquals(Descriptor.DIRECTORY, g.u8(316));
        }

        @Test
        void readingADirectoryIsEisdir() {
            g.putIovec(100, 600, 4);
            assertEquals(WasiErrno.ISDIR, g.call("fd_read", 3, 100, 1, 200));
        }
    }
}
