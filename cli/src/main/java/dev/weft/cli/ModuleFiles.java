package dev.weft.cli;

import dev.weft.interpreter.MalformedModuleException;
import dev.weft.interpreter.ast.Module;
import dev.weft.interpreter.binary.BinaryDecoder;
import dev.weft.interpreter.text.WatParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a module file in either format, telling them apart by the binary magic number. */
final class ModuleFiles {
    private ModuleFiles() {}

    static Module read(Path file) throws IOException, MalformedModuleException {
        byte[] bytes = Files.readAllBytes(file);
        if (isBinary(bytes)) {
            return BinaryDecoder.decode(bytes);
        }
        return WatParser.parseModule(new String(bytes, StandardCharsets.UTF_8));
    }

    static boolean isBinary(byte[] bytes) {
        return bytes.length >= 4 && bytes[0] == 0 && bytes[1] == 'a' && bytes[2] == 's' && bytes[3] == 'm';
    }
}
