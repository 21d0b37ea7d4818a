package dev.weft.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nothing outside the preopens is reachable: {@code ..}, absolute paths and symbolic links. */
class SandboxTest {
    private static final long READ = OpenRequest.RIGHT_FD_READ;
    private static final long WRITE = OpenRequest.RIGHT_FD_WRITE;
    private static final int FOLLOW = PathCalls.SYMLINK_FOLLOW;

    @TempDir
    Path tmp;

    private Path root;
    private Path outside;
    private WasiGuest g;

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createDirectory(tmp.resolve("root"));
        outside = Files.writeString(tmp.resolve("secret.txt"), "secret");
        Files.createDirectory(root.resolve("sub"));
        Files.writeString(root.resolve("inside.txt"), "inside");
        g = new WasiGuest(WasiConfig.builder().preopen(root, "/").build());
    }

    @Test
    void dotDotAboveThePreopenIsEnotcapable() {
        assertEquals(WasiErrno.NOTCAPABLE, g.openErrno(3, "../secret.txt", 0, 0, READ));
        assertEquals(WasiErrno.NOTCAPABLE, g.openErrno(3, "sub/../../secret.txt", 0, 0, READ));
        assertEquals(WasiErrno.NOTCAPABLE, g.openErrno(3, "..", 0, OpenRequest.DIRECTORY, READ));
    }

    @Test
    void dotDotThatStaysInsideIsAllowed() {
        int fd = g.open(3, "sub/../inside.txt", 0, READ, 0);
        g.putIovec(100, 400, 6);
        assertEquals(0, g.call("fd_read", fd, 100, 1, 200));
        assertEquals("inside", g.string(400, 6));
    }

    @Test
    void aDirectoryDescriptorCannotClimbAboveItself() {
        int sub = g.open(3, "sub", OpenRequest.DIRECTORY, READ, 0);
        assertEquals(WasiErrno.NOTCAPABLE, g.openErrno(sub, "../inside.txt", 0, 0, READ));
    }

    @Test
    void absolutePathsAreEnotcapable() {
        assertEquals(WasiErrno.NOTCAPABLE, g.openErrno(3, outside.toString(), 0, 0, READ));
        assertEquals(WasiErrno.NOTCAPABLE, g.openErrno(3, "/inside.txt", 0, 0, READ));
    }

    @Test
    void everyPathCallRefusesEscapes() {
        int len = g.putString(500, "../escape");
        assertEquals(WasiErrno.NOTCAPABLE, g.call("path_create_directory", 3, 500, len));
        assertEquals(WasiErrno.NOTCAPABLE, g.call("path_unlink_file", 3, 500, len));
        assertEquals(WasiErrno.NOTCAPABLE, g.call("path_remove_directory", 3, 500, len));
        assertEquals(WasiErrno.NOTCAPABLE, g.call("path_filestat_get", 3, FOLLOW, 500, len, 300));
        int ok = g.putString(600, "inside.txt");
        assertEquals(WasiErrno.NOTCAPABLE, g.call("path_rename", 3, 600, ok, 3, 500, len));
        assertFalse(Files.exists(tmp.resolve("escape")));
    }

    @Test
    void aSymlinkLeadingOutOfThePreopenIsRefused() throws Exception {
        Files.createSymbolicLink(root.resolve("out"), outside);
        Files.createSymbolicLink(root.resolve("up"), Path.of("../secret.txt"));
        Files.createSymbolicLink(root.resolve("updir"), Path.of(".."));
        assertEquals(WasiErrno.NOTCAPABLE, g.openErrno(3, "out", FOLLOW, 0, READ));
        assertEquals(WasiErrno.NOTCAPABLE, g.openErrno(3, "up", FOLLOW, 0, READ));
        assertEquals(WasiErrno.NOTCAPABLE, g.openErrno(3, "updir/secret.txt", 0, 0, READ));
        assertEquals(WasiErrno.NOTCAPABLE, g.openErrno(3, "updir/root/inside.txt", 0, 0, READ));
    }

    @Test
    void aSymlinkedDirectoryLeadingOutCannotBeUsedToWrite() throws Exception {
        Files.createSymbolicLink(root.resolve("tmpdir"), tmp);
        assertEquals(WasiErrno.NOTCAPABLE, g.openErrno(3, "tmpdir/new.txt", 0, OpenRequest.CREAT, WRITE));
        assertFalse(Files.exists(tmp.resolve("new.txt")));
    }

    @Test
    void aFinalSymlinkIsNotFollowedWithoutTheFlag() throws Exception {
        Files.createSymbolicLink(root.resolve("out"), outside);
        assertEquals(WasiErrno.LOOP, g.openErrno(3, "out", 0, 0, READ));
    }

    @Test
    void symlinksThatStayInsideAreFollowed() throws Exception {
        Files.createSymbolicLink(root.resolve("sub/link"), Path.of("../inside.txt"));
        Files.createSymbolicLink(root.resolve("alias"), Path.of("sub"));
        assertEquals(0, g.openErrno(3, "alias/link", FOLLOW, 0, READ));
        int fd = g.i32(896);
        g.putIovec(100, 400, 6);
        assertEquals(0, g.call("fd_read", fd, 100, 1, 200));
        assertEquals("inside", g.string(400, 6));
    }

    @Test
    void symlinkLoopsAreEloop() throws Exception {
        Files.createSymbolicLink(root.resolve("a"), Path.of("b"));
        Files.createSymbolicLink(root.resolve("b"), Path.of("a"));
        assertEquals(WasiErrno.LOOP, g.openErrno(3, "a", FOLLOW, 0, READ));
    }

    @Test
    void unlinkingASymlinkRemovesTheLinkNotItsTarget() throws Exception {
        Files.createSymbolicLink(root.resolve("out"), outside);
        int len = g.putString(500, "out");
        assertEquals(0, g.call("path_unlink_file", 3, 500, len));
        assertFalse(Files.exists(root.resolve("out"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertEquals("secret", Files.readString(outside));
    }
}
