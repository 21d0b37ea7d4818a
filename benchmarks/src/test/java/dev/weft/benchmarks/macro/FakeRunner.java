package dev.weft.benchmarks.macro;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Answers like the engines would, without starting anything: a guest prints the output its
 * arguments call for, except that Weft fails on native builds (no weft_fiber) and any command
 * containing {@link #wrong} prints a wrong result. Records every command.
 */
final class FakeRunner implements ProcessRunner {
    final List<List<String>> commands = new ArrayList<>();
    String wrong = "\u0000never";

    @Override
    public Outcome run(List<String> command, Duration timeout) {
        commands.add(command);
        int at = -1;
        for (int i = 0; i < command.size(); i++) {
            if (command.get(i).endsWith(".wasm")) {
                at = i;
            }
        }
        if (at < 0) {
            return new Outcome(0, "fake 1.0\n", "", 1_000, false); // version and git queries
        }
        String file = Path.of(command.get(at)).getFileName().toString();
        if (file.equals("nothing.wasm")) {
            return new Outcome(0, "", "", 5_000_000, false);
        }
        String[] name = file.substring(0, file.length() - ".wasm".length()).split("-");
        if (name[1].equals("native") && command.contains("run")) {
            return new Outcome(1, "", "weft: unlinkable module: unknown import: \"weft_fiber\" \"fiber_init\"\n", 1_000, false);
        }
        Program p = Named.parse(Program.class, "program", name[0]);
        String out = String.join(" ", command).contains(wrong) ? "42" : p.expected(command.subList(at + 1, command.size()));
        return new Outcome(0, out + "\n", "", 2_000_000_000L, false);
    }
}
