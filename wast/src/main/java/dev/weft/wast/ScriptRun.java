package dev.weft.wast;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a whole script file and tallies its outcomes. A script that cannot be read or parsed
 * counts as one failed command.
 */
public final class ScriptRun {
    /** One command with its outcome. */
    public record Result(WastCommand command, Outcome outcome) {}

    private ScriptRun() {}

    /** Parses and runs {@code file}; spectest output goes to {@code out}. */
    public static List<Result> run(Path file, PrintStream out) {
        WastScript script;
        try {
            script = WastParser.parse(file.getFileName().toString(), Files.readString(file));
        } catch (IOException | RuntimeException e) {
            return List.of(new Result(new WastCommand.Meta(0, "script"),
                    Outcome.fail("script could not be read or parsed: " + e.getMessage())));
        } catch (Exception e) {
            return List.of(new Result(new WastCommand.Meta(0, "script"),
                    Outcome.fail("script could not be parsed: " + e.getMessage())));
        }
        WastSession session = new WastSession(out);
        List<Result> results = new ArrayList<>();
        for (WastCommand c : script.commands()) {
            results.add(new Result(c, session.run(c)));
        }
        return results;
    }
}
