package dev.weft.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.OutputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Descriptor numbering: lowest free number first, EBADF and ENOTDIR. */
class FdTableTest {
    private final FdTable table = new FdTable();
    private final Descriptor out = StdioFd.output(OutputStream.nullOutputStream());
    private final DirFd dir = new DirFd(Path.of("/"), "/");

    private int errno(Runnable r) {
        return assertThrows(WasiError.class, r::run).errno();
    }

    @Test
    void numbersCountUpAndClosedOnesAreReusedLowestFirst() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertEquals(i, table.add(out));
        }
        table.close(3);
        table.close(1);
        assertEquals(1, table.add(dir));
        assertEquals(3, table.add(dir));
        assertEquals(5, table.add(dir));
    }

    @Test
    void closedAndUnknownNumbersAreEbadf() throws Exception {
        table.add(out);
        table.close(0);
        assertEquals(WasiErrno.BADF, errno(() -> table.get(0)));
        assertEquals(WasiErrno.BADF, errno(() -> table.get(-1)));
        assertEquals(WasiErrno.BADF, errno(() -> table.get(7)));
    }

    @Test
    void dirRequiresADirectory() {
        table.add(out);
        table.add(dir);
        assertSame(dir, table.dir(1));
        assertEquals(WasiErrno.NOTDIR, errno(() -> table.dir(0)));
    }

    @Test
    void renumberReplacesTheTargetAndFreesTheSource() throws Exception {
        table.add(out);
        table.add(dir);
        table.renumber(1, 0);
        assertSame(dir, table.get(0));
        assertEquals(WasiErrno.BADF, errno(() -> table.get(1)));
        assertEquals(WasiErrno.BADF, errno(() -> {
            try {
                table.renumber(0, 5);
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        }));
    }
}
