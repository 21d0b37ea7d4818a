package dev.weft.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** path_open and the other path calls, with their errnos. */
class PathCallsTest {
    private static final long READ = OpenRequest.RIGHT_FD_READ;
    private static final long WRITE = OpenRequest.RIGHT_FD_WRITE;
    private static final int CREAT = OpenRequest.CREAT;
    private static final int DIRECTORY = OpenRequest.DIRECTORY;
    private static final int EXCL = OpenRequest.EXCL;
    private static final int TRUNC = OpenRequest.TRUNC;
    private static final long MEMORY_SIZE = 65536;

    @TempDir
    Path dir;

    private WasiGuest g;

    @BeforeEach
    void setUp() throws Exception {
        g = new WasiGuest(WasiConfig.builder().preopen(dir, ".").build());
    }

    /** Calls a path function taking (fd, path, len) on {@code path} under the preopen. */
    private int onPath(String function, String path) {
        int len = g.putString(500, path);
        return g.call(function, 3, 500, len);
    }

    @Nested
    class Open {
        @Test
        void creatMakesAFileAndExclRefusesAnExistingOne() {
            g.open(3, "new.txt", CREAT, WRITE, 0);
            assertTrue(Files.isRegularFile(dir.resolve("new.txt")));
            assertEquals(WasiErrno.EXIST, g.openErrno(3, "new.txt", 0, CREAT | EXCL, WRITE));
        }

        @Test
        void lookupflagsOtherThanSymlinkFollowAreEinval() throws Exception {
            Files.writeString(dir.resolve("f"), "x");
            assertEquals(WasiErrno.INVAL, g.openErrno(3, "f", -1, 0, READ), "all-ones dirflags");
            assertEquals(WasiErrno.INVAL, g.openErrno(3, "f", 2, 0, READ));
            int len = g.putString(500, "f");
            assertEquals(WasiErrno.INVAL, g.call("path_filestat_get", 3, -1, 500, len, 200));
            assertEquals(WasiErrno.SUCCESS, g.call("path_filestat_get", 3, 1, 500, len, 200));
        }

        @Test
        void openingAMissingFileWithoutCreatIsEnoent() {
            assertEquals(WasiErrno.NOENT, g.openErrno(3, "missing", 0, 0, READ));
            assertEquals(WasiErrno.NOENT, g.openErrno(3, "nodir/file", 0, CREAT, WRITE));
        }

        @Test
        void truncEmptiesAnExistingFile() throws Exception {
            Files.writeString(dir.resolve("t"), "content");
            g.open(3, "t", TRUNC, WRITE, 0);
            assertEquals(0, Files.size(dir.resolve("t")));
        }

        @Test
        void directoryFlagOpensADirectoryAndRefusesAFile() throws Exception {
            Files.createDirectory(dir.resolve("sub"));
            Files.writeString(dir.resolve("sub/f"), "x");
            int sub = g.open(3, "sub", DIRECTORY, READ, 0);
            assertEquals(0, g.call("fd_fdstat_get", sub, 200));
            assertEquals(Descriptor.DIRECTORY, g.u8(200));
            assertEquals(WasiErrno.NOTDIR, g.openErrno(3, "sub/f", 0, DIRECTORY, READ));
            int f = g.open(sub, "f", 0, READ, 0);
            assertEquals(0, g.call("fd_filestat_get", f, 200));
            assertEquals(1, g.i64(232));
        }

        @Test
        void openingADirectoryForWritingIsEisdir() throws Exception {
            Files.createDirectory(dir.resolve("d"));
            assertEquals(WasiErrno.ISDIR, g.openErrno(3, "d", 0, 0, WRITE));
            assertEquals(WasiErrno.EXIST, g.openErrno(3, "d", 0, CREAT | EXCL, 0));
        }

        @Test
        void aFileAsAnIntermediateComponentIsEnotdir() throws Exception {
            Files.writeString(dir.resolve("f"), "x");
            assertEquals(WasiErrno.NOTDIR, g.openErrno(3, "f/g", 0, 0, READ));
        }

        @Test
        void openingRelativeToAFileIsEnotdir() throws Exception {
            int f = g.open(3, "f", CREAT, WRITE, 0);
            assertEquals(WasiErrno.NOTDIR, g.openErrno(f, "x", 0, 0, READ));
            assertEquals(WasiErrno.BADF, g.openErrno(77, "x", 0, 0, READ));
        }

        @Test
        void aPathOutsideMemoryIsEfault() {
            assertEquals(WasiErrno.FAULT, g.call("path_open", 3, 0, MEMORY_SIZE - 2, 10, 0, READ, 0, 0, 896));
            assertEquals(WasiErrno.FAULT, g.call("path_open", 3, 0, 500, 4, CREAT, WRITE, 0, 0, MEMORY_SIZE));
            assertEquals(WasiErrno.FAULT, onPathAt("path_create_directory", -16, 4));
            assertEquals(WasiErrno.FAULT, onPathAt("path_unlink_file", 500, -1));
        }

        private int onPathAt(String function, int ptr, int len) {
            return g.call(function, 3, ptr, len);
        }

        @Test
        void aPathThatIsNotUtf8IsEilseq() {
            g.memory.write(500, new byte[] {(byte) 0xC3, 0x28});
            assertEquals(WasiErrno.ILSEQ, g.call("path_open", 3, 0, 500, 2, CREAT, WRITE, 0, 0, 896));
        }

        @Test
        void anEmptyPathIsEnoent() {
            assertEquals(WasiErrno.NOENT, g.openErrno(3, "", 0, 0, READ));
        }
    }

    @Nested
    class Directories {
        @Test
        void createAndRemoveADirectory() {
            assertEquals(0, onPath("path_create_directory", "made"));
            assertTrue(Files.isDirectory(dir.resolve("made")));
            assertEquals(WasiErrno.EXIST, onPath("path_create_directory", "made"));
            assertEquals(0, onPath("path_remove_directory", "made"));
            assertFalse(Files.exists(dir.resolve("made")));
            assertEquals(WasiErrno.NOENT, onPath("path_remove_directory", "made"));
        }

        @Test
        void removingANonEmptyDirectoryIsEnotempty() throws Exception {
            Files.createDirectories(dir.resolve("full/inner"));
            assertEquals(WasiErrno.NOTEMPTY, onPath("path_remove_directory", "full"));
        }

        @Test
        void removeDirectoryOnAFileIsEnotdirAndUnlinkOnADirectoryIsEisdir() throws Exception {
            Files.writeString(dir.resolve("f"), "x");
            Files.createDirectory(dir.resolve("d"));
            assertEquals(WasiErrno.NOTDIR, onPath("path_remove_directory", "f"));
            assertEquals(WasiErrno.ISDIR, onPath("path_unlink_file", "d"));
        }

        @Test
        void thePreopenItselfCannotBeRemoved() {
            assertEquals(WasiErrno.INVAL, onPath("path_remove_directory", "."));
            assertTrue(Files.isDirectory(dir));
        }
    }

    @Nested
    class FilesAndNames {
        @Test
        void unlinkRemovesAFile() throws Exception {
            Files.writeString(dir.resolve("gone"), "x");
            assertEquals(0, onPath("path_unlink_file", "gone"));
            assertFalse(Files.exists(dir.resolve("gone")));
            assertEquals(WasiErrno.NOENT, onPath("path_unlink_file", "gone"));
        }

        @Test
        void renameMovesAndReplaces() throws Exception {
            Files.writeString(dir.resolve("a"), "A");
            Files.writeString(dir.resolve("b"), "B");
            Files.createDirectory(dir.resolve("sub"));
            int sub = g.open(3, "sub", DIRECTORY, READ, 0);
            g.putString(500, "a");
            g.putString(510, "b");
            assertEquals(0, g.call("path_rename", 3, 500, 1, 3, 510, 1));
            assertEquals("A", Files.readString(dir.resolve("b")));
            assertFalse(Files.exists(dir.resolve("a")));
            g.putString(500, "b");
            g.putString(510, "moved");
            assertEquals(0, g.call("path_rename", 3, 500, 1, sub, 510, 5));
            assertEquals("A", Files.readString(dir.resolve("sub/moved")));
            assertEquals(WasiErrno.NOENT, g.call("path_rename", 3, 500, 1, 3, 510, 5));
        }

        @Test
        void renamingADirectoryOverANonEmptyOneIsEnotempty() throws Exception {
            Files.createDirectories(dir.resolve("x"));
            Files.createDirectories(dir.resolve("y/z"));
            g.putString(500, "x");
            g.putString(510, "y");
            assertEquals(WasiErrno.NOTEMPTY, g.call("path_rename", 3, 500, 1, 3, 510, 1));
        }

        @Test
        void pathFilestatReportsFilesAndDirectories() throws Exception {
            Files.writeString(dir.resolve("f"), "hello");
            int len = g.putString(500, "f");
            assertEquals(0, g.call("path_filestat_get", 3, 0, 500, len, 300));
            assertEquals(Descriptor.REGULAR_FILE, g.u8(316));
            assertEquals(5, g.i64(332));
            len = g.putString(500, ".");
            assertEquals(0, g.call("path_filestat_get", 3, 0, 500, len, 300));
            assertEquals(Descriptor.DIRECTORY, g.u8(316));
            len = g.putString(500, "nope");
            assertEquals(WasiErrno.NOENT, g.call("path_filestat_get", 3, 0, 500, len, 300));
            assertEquals(WasiErrno.FAULT, g.call("path_filestat_get", 3, 0, 500, len, MEMORY_SIZE - 8));
        }

        @Test
        void pathFilestatSeesALinkUnlessAskedToFollowIt() throws Exception {
            Files.writeString(dir.resolve("target"), "abc");
            Files.createSymbolicLink(dir.resolve("link"), Path.of("target"));
            int len = g.putString(500, "link");
            assertEquals(0, g.call("path_filestat_get", 3, 0, 500, len, 300));
            assertEquals(Descriptor.SYMBOLIC_LINK, g.u8(316));
            assertEquals(0, g.call("path_filestat_get", 3, PathCalls.SYMLINK_FOLLOW, 500, len, 300));
            assertEquals(Descriptor.REGULAR_FILE, g.u8(316));
            assertEquals(3, g.i64(332));
        }

        @Test
        void unimplementedPathFunctionsAreEnosys() {
            g.putString(500, "t");
            g.putString(510, "l");
            assertEquals(WasiErrno.NOSYS, g.call("path_symlink", 500, 1, 3, 510, 1));
        }
    }
}
