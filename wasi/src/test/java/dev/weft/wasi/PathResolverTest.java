package dev.weft.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Component-by-component resolution under a root, directly (without a guest). */
class PathResolverTest {
    @TempDir
    Path tmp;

    private Path root;

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createDirectory(tmp.resolve("root")).toRealPath();
        Files.createDirectories(root.resolve("a/b"));
        Files.writeString(root.resolve("a/file"), "x");
    }

    private int errno(String path, boolean follow) {
        return assertThrows(WasiError.class, () -> PathResolver.resolve(root, path, follow)).errno();
    }

    @Test
    void dotsAndRepeatedSlashesAreNormalised() throws Exception {
        assertEquals(root.resolve("a/b"), PathResolver.resolve(root, "./a//b/", false));
        assertEquals(root.resolve("a/file"), PathResolver.resolve(root, "a/b/../file", false));
        assertEquals(root, PathResolver.resolve(root, ".", false));
        assertEquals(root, PathResolver.resolve(root, "a/..", false));
    }

    @Test
    void aMissingLastComponentIsFineForCreation() throws Exception {
        assertEquals(root.resolve("a/new"), PathResolver.resolve(root, "a/new", false));
    }

    @Test
    void climbingAboveTheRootIsEnotcapable() {
        assertEquals(WasiErrno.NOTCAPABLE, errno("..", false));
        assertEquals(WasiErrno.NOTCAPABLE, errno("a/../../root/a", false));
        assertEquals(WasiErrno.NOTCAPABLE, errno("/etc/passwd", true));
    }

    @Test
    void intermediateComponentsMustBeExistingDirectories() {
        assertEquals(WasiErrno.NOENT, errno("missing/x", false));
        assertEquals(WasiErrno.NOTDIR, errno("a/file/x", false));
        assertEquals(WasiErrno.NOENT, errno("", false));
        assertEquals(WasiErrno.INVAL, errno("a\0b", false));
    }

    @Test
    void linksAreReplacedByTheirTargetsInsideTheRoot() throws Exception {
        Files.createSymbolicLink(root.resolve("ab"), Path.of("a/b"));
        Files.createSymbolicLink(root.resolve("a/b/back"), Path.of("../file"));
        assertEquals(root.resolve("a/b/x"), PathResolver.resolve(root, "ab/x", false));
        assertEquals(root.resolve("a/file"), PathResolver.resolve(root, "ab/back", true));
        assertEquals(root.resolve("ab"), PathResolver.resolve(root, "ab", false));
        assertEquals(root.resolve("a/b"), PathResolver.resolve(root, "ab/", false));
    }

    @Test
    void linksLeavingTheRootAreEnotcapable() throws Exception {
        Files.createSymbolicLink(root.resolve("abs"), root.resolve("a"));
        Files.createSymbolicLink(root.resolve("a/up"), Path.of("../.."));
        assertEquals(WasiErrno.NOTCAPABLE, errno("abs/file", false));
        assertEquals(WasiErrno.NOTCAPABLE, errno("a/up", true));
        assertEquals(root.resolve("a/up"), PathResolver.resolve(root, "a/up", false));
    }

    @Test
    void tooManyLinksIsEloop() throws Exception {
        Files.createSymbolicLink(root.resolve("self"), Path.of("self"));
        assertEquals(WasiErrno.LOOP, errno("self", true));
    }
}
