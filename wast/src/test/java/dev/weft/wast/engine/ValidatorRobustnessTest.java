package dev.weft.wast.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.interpreter.InvalidModuleException;
import dev.weft.interpreter.ast.Function;
import dev.weft.interpreter.ast.Instruction;
import dev.weft.interpreter.ast.Module;
import dev.weft.interpreter.valid.Validator;
import dev.weft.wast.ModuleSource;
import dev.weft.wast.TestSuite;
import dev.weft.wast.WastCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mutates function bodies of suite modules at random (deleting, duplicating and moving
 * instructions, changing indices) and checks that validation either succeeds or throws
 * {@link InvalidModuleException}: never another exception.
 */
class ValidatorRobustnessTest {
    private static final String[] FILES = {
        "block.wast", "br_table.wast", "call_indirect.wast", "memory_copy.wast", "table_init.wast",
        "local_tee.wast", "select.wast", "ref_func.wast", "try_table.wast", "return_call_ref.wast",
        "gc/struct.wast", "gc/array.wast", "gc/br_on_cast.wast", "stack-switching/cont.wast",
    };

    @Test
    void mutatedModulesAreEitherValidOrInvalidButNeverCrashTheValidator() {
        Path suite = TestSuite.require();
        List<Module> modules = new ArrayList<>();
        for (String f : FILES) {
            Path p = suite.resolve(f);
            if (!Files.exists(p)) {
                continue;
            }
            for (WastCommand c : TestSuite.parse(p, f).commands()) {
                // text modules that parsed; the others are not this test's concern
                if (c instanceof WastCommand.DefineModule d && d.source() instanceof ModuleSource.Text t
                        && t.module() != null) {
                    modules.add(t.module());
                }
            }
        }
        Random random = new Random(42);
        List<String> crashes = new ArrayList<>();
        int runs = 0;
        for (Module m : modules) {
            for (int k = 0; k < 20 && !m.functions().isEmpty(); k++) {
                Module mutant = mutate(m, random);
                runs++;
                try {
                    Validator.validate(mutant);
                } catch (InvalidModuleException e) {
                    // expected for most mutants
                } catch (RuntimeException | StackOverflowError e) {
                    crashes.add(e + " at " + (e.getStackTrace().length > 0 ? e.getStackTrace()[0] : "?"));
                }
            }
        }
        System.out.println("[robustness] " + runs + " mutants, " + crashes.size() + " crashes");
        assertTrue(crashes.isEmpty(), () -> "validator crashed: " + crashes.subList(0, Math.min(5, crashes.size())));
    }

    private static Module mutate(Module m, Random random) {
        List<Function> functions = new ArrayList<>(m.functions());
        int fi = random.nextInt(functions.size());
        Function f = functions.get(fi);
        List<Instruction> body = new ArrayList<>(f.body());
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits && !body.isEmpty(); e++) {
            int at = random.nextInt(body.size());
            switch (random.nextInt(4)) {
                case 0 -> body.remove(at);
                case 1 -> body.add(random.nextInt(body.size() + 1), body.get(at));
                case 2 -> body.add(random.nextInt(body.size()), body.remove(at));
                default -> body.set(at, reindex(body.get(at), random));
            }
        }
        functions.set(fi, new Function(f.typeIndex(), f.locals(), body));
        return new Module(m.recTypes(), m.imports(), functions, m.tables(), m.memories(), m.globals(),
                m.tags(), m.exports(), m.start(), m.elements(), m.data(), m.dataCount(), m.customs());
    }

    private static Instruction reindex(Instruction ins, Random random) {
        int[] choices = {0, 1, 2, 5, -1, 1000, Integer.MAX_VALUE};
        int v = choices[random.nextInt(choices.length)];
        return switch (ins) {
            case Instruction.Indexed x -> new Instruction.Indexed(x.op(), v);
            case Instruction.Indexed2 x -> random.nextBoolean()
                    ? new Instruction.Indexed2(x.op(), v, x.second())
                    : new Instruction.Indexed2(x.op(), x.first(), v);
            case Instruction.MemAccess x -> new Instruction.MemAccess(x.op(), x.alignLog2(), x.offset(), v);
            default -> ins;
        };
    }
}
