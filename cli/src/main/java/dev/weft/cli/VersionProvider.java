package dev.weft.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/**
 * {@code weft --version}: {@code weft VERSION (COMMIT DATE)}, as wasmtime prints it, from the
 * {@code version.properties} the build writes next to this class (git-commit-id-maven-plugin).
 * A build outside a git checkout has no commit: then only the version is printed.
 */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        return new String[] {line(load())};
    }

    static String line(Properties build) {
        String version = build.getProperty("git.build.version", "unknown");
        String commit = build.getProperty("git.commit.id.abbrev", "");
        if (commit.isEmpty()) {
            return "weft " + version;
        }
        String dirty = Boolean.parseBoolean(build.getProperty("git.dirty")) ? "-dirty" : "";
        return "weft " + version + " (" + commit + dirty + " " + build.getProperty("git.commit.time", "") + ")";
    }

    private static Properties load() throws IOException {
        Properties build = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                build.load(in);
            }
        }
        return build;
    }
}
