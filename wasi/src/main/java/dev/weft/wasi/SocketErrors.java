package dev.weft.wasi;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;

/** Maps host socket failures to the preview1 errnos a libc expects. */
final class SocketErrors {
    private SocketErrors() {}

    static int errno(IOException e) {
        if (e instanceof ClosedChannelException) {
            return WasiErrno.PIPE;
        }
        String m = e.getMessage() == null ? "" : e.getMessage();
        if (m.contains("reset")) {
            return WasiErrno.CONNRESET;
        }
        if (m.contains("Broken pipe")) {
            return WasiErrno.PIPE;
        }
        if (m.contains("aborted")) {
            return WasiErrno.CONNABORTED;
        }
        if (m.contains("not connected")) {
            return WasiErrno.NOTCONN;
        }
        if (m.contains("Too many open files")) {
            return WasiErrno.MFILE;
        }
        return WasiErrno.IO;
    }
}
