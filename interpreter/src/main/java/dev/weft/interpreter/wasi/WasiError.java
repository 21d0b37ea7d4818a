package dev.weft.interpreter.wasi;

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

    int errno() {
        return errno;
    }
}
