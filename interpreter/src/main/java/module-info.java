/**
 * The Weft engine: decoding, the text format, validation, lowering, instantiation, the
 * interpreter and the compiled tier. The API is {@code dev.weft.interpreter}.
 *
 * <p>{@code dev.weft.interpreter.ast} is exported too, because the API's signatures use its
 * types (value, function, memory, table and global types, and {@code Module}); giving those a
 * home in the API package is a change of its own (issue 15). Every other package is the
 * engine's: some are exported to the Weft modules that need them, and to no one else.
 */
module dev.weft.interpreter {
    requires transitive dev.weft.continuations;
    requires transitive dev.weft.stackpool;

    exports dev.weft.interpreter;
    exports dev.weft.interpreter.ast;

    // the .wast runner: script syntax on the text parser's tokens and S-expressions, binary
    // modules through the decoder (for its exact "malformed" messages), GC references in results
    // (exec.gc's struct, array and i31 objects)
    exports dev.weft.interpreter.text to dev.weft.wast;
    exports dev.weft.interpreter.binary to dev.weft.wast;
    exports dev.weft.interpreter.exec.gc to dev.weft.wast;
}
