/** WASI preview1: the host module {@code wasi_snapshot_preview1}, sockets included. */
module dev.weft.wasi {
    requires transitive dev.weft.interpreter;
    // process and thread CPU clocks
    requires java.management;

    exports dev.weft.wasi;
}
