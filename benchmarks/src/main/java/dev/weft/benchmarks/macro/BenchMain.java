package dev.weft.benchmarks.macro;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code weft bench [OPTIONS]}: the macro runner. The {@code weft} launcher runs it from
 * {@code benchmarks/target/benchmarks.jar} with {@code -Dweft.home} set to the checkout; run
 * directly, it takes the current directory as the checkout. {@code --help} lists the options.
 */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        // the charts are drawn with AWT (XChart) into images, never shown: no display needed
        System.setProperty("java.awt.headless", "true");
        Path root = Path.of(System.getProperty("weft.home", ".")).toAbsolutePath().normalize();
        String invocation = System.getProperty("weft.invocation",
                "java -cp benchmarks/target/benchmarks.jar " + BenchMain.class.getName());
        Optional<BenchConfig> config;
        try {
            config = BenchConfig.parse(List.of(args), root, invocation);
        } catch (BenchConfig.UsageError e) {
            System.err.println("weft bench: " + e.getMessage());
            System.err.println("Try `weft bench --help` for the options.");
            System.exit(2);
            return;
        }
        if (config.isEmpty()) {
            System.out.print(BenchConfig.usage());
            return;
        }
        if (!Files.isDirectory(root.resolve("guests/build"))) {
            System.err.println("weft bench: " + root + " is not a Weft checkout (no guests/build); run it as ./weft bench"
                    + " from the checkout, or pass -Dweft.home=DIR");
            System.exit(2);
            return;
        }
        BenchConfig c = config.get();
        new Bench(c, Tools.of(root), ProcessRunner.system(c.out().resolve("tmp")), System.err).run();
    }
}
