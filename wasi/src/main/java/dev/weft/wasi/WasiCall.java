package dev.weft.wasi;

import dev.weft.interpreter.Value;
import java.io.IOException;

/** The body of a WASI function: takes the guest's arguments and returns an errno. */
@FunctionalInterface
interface WasiCall {
    int call(Value[] args) throws IOException;
}
