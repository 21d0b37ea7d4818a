package dev.weft.interpreter;

import dev.weft.interpreter.ast.Module;
import dev.weft.interpreter.binary.BinaryDecoder;
import dev.weft.interpreter.text.WatParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * One-call loading: {@link #parse} reads a module in either format, telling them apart by their
 * first bytes (the binary magic {@code \0asm}, or text whose first non-blank character opens an
 * S-expression or a comment), and {@link #compile} also validates and prepares it to instantiate.
 */
public final class Weft {
    private Weft() {}

    /** The module in {@code bytes}, binary or text. */
    public static Module parse(byte[] bytes) throws MalformedModuleException {
        Objects.requireNonNull(bytes, "bytes");
        if (isBinary(bytes)) {
            return BinaryDecoder.decode(bytes);
        }
        if (looksLikeText(bytes)) {
            return WatParser.parseModule(hasByteOrderMark(bytes) ? Arrays.copyOfRange(bytes, 3, bytes.length) : bytes);
        }
        throw new MalformedModuleException("not a WebAssembly module: neither the binary magic \\0asm"
                + " nor the text format (which starts with '(' or a comment)");
    }

    /** The module in {@code file}, binary or text; an unreadable file is an {@link IOException}. */
    public static Module parse(Path file) throws IOException, MalformedModuleException {
        Objects.requireNonNull(file, "file");
        return parse(Files.readAllBytes(file));
    }

    /** The module read from {@code in} to its end (the stream is not closed). */
    public static Module parse(InputStream in) throws IOException, MalformedModuleException {
        Objects.requireNonNull(in, "in");
        return parse(in.readAllBytes());
    }

    /** Parses, validates and compiles the module in {@code bytes}. */
    public static CompiledModule compile(byte[] bytes) throws ModuleException {
        return CompiledModule.compile(parse(bytes));
    }

    /** Parses, validates and compiles the module in {@code file}. */
    public static CompiledModule compile(Path file) throws IOException, ModuleException {
        return CompiledModule.compile(parse(file));
    }

    static boolean isBinary(byte[] bytes) {
        return bytes.length >= 4 && bytes[0] == 0 && bytes[1] == 'a' && bytes[2] == 's' && bytes[3] == 'm';
    }

    private static boolean hasByteOrderMark(byte[] bytes) {
        return bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb && (bytes[2] & 0xff) == 0xbf;
    }

    private static boolean looksLikeText(byte[] bytes) {
        int i = hasByteOrderMark(bytes) ? 3 : 0;
        while (i < bytes.length && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\n' || bytes[i] == '\r')) {
            i++;
        }
        return i < bytes.length && (bytes[i] == '(' || bytes[i] == ';');
    }
}
