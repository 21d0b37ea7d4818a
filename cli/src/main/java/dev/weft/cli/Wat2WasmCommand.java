package dev.weft.cli;

import dev.weft.interpreter.InvalidModuleException;
import dev.weft.interpreter.MalformedModuleException;
import dev.weft.interpreter.Weft;
import dev.weft.interpreter.ast.Module;
import dev.weft.interpreter.binary.BinaryEncoder;
import dev.weft.interpreter.valid.Validator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code weft wat2wasm IN -o OUT}: text format to binary, validating on the way. */
@Command(name = "wat2wasm", mixinStandardHelpOptions = true,
        description = "Convert a module from the text format (.wat) to the binary format (.wasm).")
final class Wat2WasmCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IN", description = "the .wat file")
    Path input;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "the .wasm file to write")
    Path output;

    @Option(names = "--no-validate", description = "write the module even if it does not validate")
    boolean noValidate;

    @Override
    public Integer call() throws Exception {
        Module module;
        try {
            module = Weft.parse(input);
            if (!noValidate) {
                Validator.validate(module);
            }
        } catch (MalformedModuleException | InvalidModuleException | IOException e) {
            throw new InputFileException(input, e);
        }
        Files.write(output, BinaryEncoder.encode(module));
        return 0;
    }
}
