package dev.weft.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.FileSystemException;
import org.junit.jupiter.api.Test;

/** Host failures carry only strerror text; descriptor exhaustion must reach the guest as EMFILE/ENFILE, not EIO. */
class IoErrorsTest {
    @Test
    void runningOutOfDescriptorsIsMfileOrNfile() {
        assertEquals(WasiErrno.MFILE, IoErrors.errno(new FileSystemException("/x", null, "Too many open files")));
        assertEquals(WasiErrno.NFILE, IoErrors.errno(new FileSystemException("/x", null, "Too many open files in system")));
        assertEquals(WasiErrno.IO, IoErrors.errno(new FileSystemException("/x", null, "Input/output error")));
    }
}
