package dev.weft.cli;

import dev.weft.interpreter.ModuleException;
import dev.weft.interpreter.Trap;
import dev.weft.interpreter.UnhandledSuspension;
import dev.weft.interpreter.WasmException;
import dev.weft.interpreter.text.TextException;
import java.io.IOException;
import java.net.SocketException;
import java.nio.file.NoSuchFileException;

/** Turns any failure of a command into the one line shown to the user. */
final class CliErrors {
    /** Set once a VirtualMachineError was described: the process should halt, not exit. */
    static volatile boolean fatal;

    private CliErrors() {}

    static String describe(Throwable ex) {
        if (ex instanceof VirtualMachineError) {
            fatal = true;
        }
        return switch (ex) {
            case NoSuchFileException e -> "no such file: " + e.getFile();
            case SocketException e -> e.getMessage();
            case IOException e -> "cannot read or write file: " + e.getMessage();
            case InputFileException e -> inFile(e);
            case ModuleException e -> kind(e) + ": " + e.getMessage();
            case Trap t -> "trap: " + t.getMessage();
            case WasmException e -> e.getMessage();
            case UnhandledSuspension e -> "unhandled suspension: " + e.getMessage();
            case IllegalArgumentException e -> e.getMessage();
            case StackOverflowError e -> "the Java stack overflowed (a host function recursing into Wasm, or a"
                    + " bug in Weft); a larger stack may help: WEFT_JAVA_OPTS=-Xss64m";
            case OutOfMemoryError e -> "out of memory (" + e.getMessage() + "); a larger heap may help:"
                    + " WEFT_JAVA_OPTS=-Xmx8g";
            default -> "internal error: " + ex;
        };
    }

    /**
     * The Wasm backtrace of a trap ({@link Trap#backtraceText()}: "wasm backtrace:" and one
     * line per frame), printed after the one-line error; empty for other failures.
     */
    static String backtrace(Throwable ex) {
        return ex instanceof Trap t ? t.backtraceText() : "";
    }

    /**
     * The exit code for a failure: 134 for what ends a Wasm program abnormally (a trap, an
     * uncaught exception, an unhandled suspension), as wasmtime exits on a trap; 1 otherwise.
     */
    static int exitCode(Throwable ex) {
        return switch (ex) {
            case Trap t -> TRAP_EXIT;
            case WasmException e -> TRAP_EXIT;
            case UnhandledSuspension e -> TRAP_EXIT;
            default -> 1;
        };
    }

    /** wasmtime's exit code for a trap (128 + SIGABRT). */
    static final int TRAP_EXIT = 134;

    /**
     * {@code FILE:LINE: malformed module: message} for text-format errors (the compiler
     * convention), {@code FILE: kind: message} for the others.
     */
    private static String inFile(InputFileException e) {
        return switch (e.getCause()) {
            case NoSuchFileException missing -> "no such file: " + e.file;
            case IOException io -> "cannot read " + e.file + ": " + io.getMessage();
            case ModuleException m when m.getCause() instanceof TextException text && text.line() > 0 ->
                    e.file + ":" + text.where() + ": " + kind(m) + ": " + text.getMessage();
            case ModuleException m -> e.file + ": " + kind(m) + ": " + m.getMessage();
            default -> e.file + ": " + describe(e.getCause());
        };
    }

    private static String kind(ModuleException e) {
        return switch (e) {
            case dev.weft.interpreter.MalformedModuleException m -> "malformed module";
            case dev.weft.interpreter.InvalidModuleException m -> "invalid module";
            case dev.weft.interpreter.UnlinkableException m -> "unlinkable module";
            case dev.weft.interpreter.UninstantiableException m -> "instantiation failed";
        };
    }
}
