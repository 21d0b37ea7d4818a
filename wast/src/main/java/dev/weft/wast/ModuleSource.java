package dev.weft.wast;

import dev.weft.interpreter.MalformedModuleException;
import dev.weft.interpreter.ast.Module;
import dev.weft.interpreter.text.WatParser;
import java.nio.charset.StandardCharsets;

/**
 * Where a script's module comes from: text parsed when the script was read, bytes to decode,
 * or quoted text to parse when the command runs.
 */
public sealed interface ModuleSource permits ModuleSource.Text, ModuleSource.Binary, ModuleSource.Quote {

    /**
     * A module written in text inside the script, parsed eagerly. If it did not parse,
     * {@code module} is null and {@code failure} says why: the runner reports that one
     * command as failed (the rest of the script is unaffected).
     */
    record Text(Module module, MalformedModuleException failure) implements ModuleSource {
        /** The parsed module, or the parse failure. */
        public Module parse() throws MalformedModuleException {
            if (failure != null) {
                throw failure;
            }
            return module;
        }
    }

    /** {@code (module binary "..."*)}: the concatenated bytes, for the binary decoder. */
    record Binary(byte[] bytes) implements ModuleSource {}

    /** {@code (module quote "..."*)}: the concatenated text bytes (UTF-8, possibly invalid). */
    record Quote(byte[] text) implements ModuleSource {
        /** Parses the quoted text now. */
        public Module parse() throws MalformedModuleException {
            return WatParser.parseModule(text);
        }

        /** The text, decoded leniently (for messages). */
        public String asString() {
            return new String(text, StandardCharsets.UTF_8);
        }
    }
}
