/** Effect-based async I/O for guests: {@code WaeioServer} and the bundled HTTP server guests. */
module dev.weft.waeio {
    requires transitive dev.weft.interpreter;
    requires dev.weft.wasi;
    requires dev.weft.fibers;

    exports dev.weft.waeio;
}
