package dev.weft.cli;

import dev.weft.wast.KnownFailures;
import dev.weft.wast.Outcome;
import dev.weft.wast.ScriptRun;
import dev.weft.wast.SuiteScope;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code weft wast FILE...}: runs conformance scripts, printing a line per file and a total
 * line {@code N passed, N failed, N skipped}; exits 1 if any command failed.
 */
@Command(name = "wast", mixinStandardHelpOptions = true,
        description = "Run .wast conformance scripts and report pass/fail/skip counts per file.")
final class WastCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = ".wast files, or directories searched for them")
    List<Path> inputs;

    @Option(names = "--known-failures", paramLabel = "FILE",
            description = "commands listed there (file.wast:LINE reason) count as skipped when they fail")
    Path knownFailuresFile;

    @Option(names = "--scope", paramLabel = "FILE",
            description = "skip suite files excluded there (lines 'path -- reason', paths relative to a DIR argument)")
    Path scopeFile;

    @Option(names = {"-v", "--verbose"}, description = "print every failed command with what went wrong")
    boolean verbose;

    @Option(names = "--print", description = "let spectest print functions write to stdout")
    boolean print;

    @Override
    public Integer call() throws IOException {
        KnownFailures known = knownFailuresFile == null ? KnownFailures.none() : KnownFailures.read(knownFailuresFile);
        PrintStream spectestOut = print ? System.out : new PrintStream(OutputStream.nullOutputStream());
        int passed = 0;
        int failed = 0;
        int skipped = 0;
        SuiteScope scope = scopeFile == null ? null : SuiteScope.read(scopeFile);
        for (Path file : expand(inputs, scope)) {
            int p = 0;
            int f = 0;
            int s = 0;
            List<String> failures = new ArrayList<>();
            for (ScriptRun.Result r : ScriptRun.run(file, spectestOut)) {
                Outcome o = r.outcome();
                String reason = known.reason(file.getFileName().toString(), r.command().line());
                if (reason == null) {
                    reason = known.reason(relativeName(file), r.command().line());
                }
                if (o.passed()) {
                    p++;
                } else if (o.failed() && reason == null) {
                    f++;
                    failures.add("  " + file.getFileName() + ":" + r.command().line() + " "
                            + kind(r) + ": " + o.detail());
                } else {
                    s++;
                }
            }
            System.out.println(file + ": " + p + " passed, " + f + " failed, " + s + " skipped");
            if (verbose) {
                failures.forEach(System.out::println);
            }
            passed += p;
            failed += f;
            skipped += s;
        }
        System.out.println(passed + " passed, " + failed + " failed, " + skipped + " skipped");
        return failed == 0 ? 0 : 1;
    }

    private static String kind(ScriptRun.Result r) {
        return r.command().getClass().getSimpleName();
    }

    private static String relativeName(Path file) {
        Path parent = file.getParent();
        return parent == null ? file.toString() : parent.getFileName() + "/" + file.getFileName();
    }

    private static List<Path> expand(List<Path> inputs, SuiteScope scope) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path in : inputs) {
            if (Files.isDirectory(in) && scope != null) {
                scope.files(in).forEach(rel -> files.add(in.resolve(rel)));
            } else if (Files.isDirectory(in)) {
                try (Stream<Path> walk = Files.walk(in)) {
                    walk.filter(p -> p.toString().endsWith(".wast")).sorted().forEach(files::add);
                }
            } else if (Files.isRegularFile(in)) {
                files.add(in);
            } else {
                throw new java.nio.file.NoSuchFileException(in.toString());
            }
        }
        return files;
    }
}
