package dev.weft.wasi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Turns a guest path relative to a directory descriptor into a host path that stays inside that
 * directory. The path is walked one component at a time without following links: {@code .} is
 * skipped, {@code ..} drops the last component (refused with {@code ENOTCAPABLE} at the root),
 * and a symbolic link is replaced by its target's components, which are walked the same way.
 * Absolute paths and absolute link targets are refused with {@code ENOTCAPABLE}. The result
 * contains no symbolic link except, when links are not followed, its last component.
 *
 * <p>The check and the later use of the path are separate host calls, so a host process that
 * swaps a directory for a link in between could defeat it; the guest itself cannot.
 */
final class PathResolver {
    /** Links followed in one resolution before giving up with {@code ELOOP}. */
    static final int MAX_LINKS = 32;

    private PathResolver() {}

    /**
     * Resolves {@code guestPath} under {@code root}.
     *
     * @param followLast whether a symbolic link as the last component is followed
     */
    static Path resolve(Path root, String guestPath, boolean followLast) throws IOException {
        if (guestPath.isEmpty()) {
            throw new WasiError(WasiErrno.NOENT);
        }
        if (guestPath.startsWith("/")) {
            throw new WasiError(WasiErrno.NOTCAPABLE);
        }
        if (guestPath.indexOf('\0') >= 0) {
            throw new WasiError(WasiErrno.INVAL);
        }
        boolean follow = followLast || guestPath.endsWith("/");
        Deque<String> pending = new ArrayDeque<>(components(guestPath));
        List<String> done = new ArrayList<>();
        int links = 0;
        while (!pending.isEmpty()) {
            String name = pending.removeFirst();
            if (name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                if (done.isEmpty()) {
                    throw new WasiError(WasiErrno.NOTCAPABLE);
                }
                done.removeLast();
                continue;
            }
            Path candidate = join(root, done).resolve(name);
            boolean last = pending.isEmpty();
            if ((follow || !last) && Files.isSymbolicLink(candidate)) {
                if (++links > MAX_LINKS) {
                    throw new WasiError(WasiErrno.LOOP);
                }
                expandLink(candidate, pending);
                continue;
            }
            if (!last) {
                requireDirectory(candidate);
            }
            done.add(name);
        }
        return join(root, done);
    }

    /** Puts the components of link {@code link}'s target in front of {@code pending}. */
    private static void expandLink(Path link, Deque<String> pending) throws IOException {
        String target = Files.readSymbolicLink(link).toString();
        if (target.startsWith("/")) {
            throw new WasiError(WasiErrno.NOTCAPABLE);
        }
        List<String> parts = components(target);
        for (int i = parts.size() - 1; i >= 0; i--) {
            pending.addFirst(parts.get(i));
        }
    }

    private static void requireDirectory(Path p) {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        boolean exists = Files.exists(p, LinkOption.NOFOLLOW_LINKS);
        throw new WasiError(exists ? WasiErrno.NOTDIR : WasiErrno.NOENT);
    }

    private static List<String> components(String path) {
        List<String> parts = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                parts.add(s);
            }
        }
        return parts;
    }

    private static Path join(Path root, List<String> names) {
        Path p = root;
        for (String n : names) {
            p = p.resolve(n);
        }
        return p;
    }
}
