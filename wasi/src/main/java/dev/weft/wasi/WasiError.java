package dev.weft.wasi;

/**
 * An errno raised inside the WASI implementation and turned into the function's return value
 * by {@link WasiFunctions}; it never reaches the guest or the embedder as an exception.
 */
final class WasiError extends RuntimeException {
    private final int errno;

    WasiError(int errno) {
        super("errno " + errno, null, false, false);
        this.errno = errno;
    }

    private static final WasiError[] SHARED = new WasiError[WasiErrno.NOTCAPABLE + 1];

    static {
        for (int e = 0; e < SHARED.length; e++) {
            SHARED[e] = new WasiError(e);
        }
    }

    /**
     * The one shared instance for {@code errno} (an exception without stack trace or suppressed
     * list never changes), for errors raised often, like {@code EAGAIN} on every receive that
     * finds nothing.
     */
    static WasiError of(int errno) {
        return errno >= 0 && errno < SHARED.length ? SHARED[errno] : new WasiError(errno);
    }

    int errno() {
        return errno;
    }
}
