package dev.weft.stackpool;

import dev.weft.stackpool.internal.NativeMmap;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeapFallbackTest {
    /** Run in a child JVM where mmap is disabled: prints each pool's mode. */
    public static void main(String[] args) {
        try (StackPool stacks = StackPool.create(); StackPool unpooled =
                StackPool.create(PoolConfig.defaults().withMode(PoolMode.UNPOOLED));
             MemoryPool memories = MemoryPool.create()) {
            StackSlot slot = stacks.acquire();
            stacks.release(slot);
            unpooled.release(unpooled.acquire());
            memories.release(memories.acquire(65536));
            System.out.println(stacks.mode() + " " + stacks.isNative() + " " + unpooled.mode() + " "
                    + unpooled.isNative() + " " + memories.isNative());
        }
    }

    @Test
    void withoutMmapPoolsFallBackToTheHeapAndSaySoInOneLogLine() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED",
                "-D" + NativeMmap.DISABLE_PROPERTY + "=true", "-cp", System.getProperty("java.class.path"),
                HeapFallbackTest.class.getName()).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, child.exitValue(), err);
        assertEquals("HEAP false UNPOOLED false false", out.strip());
        List<String> logLines = err.lines().filter(l -> l.contains("mmap is unavailable")).toList();
        assertEquals(1, logLines.size(), err);
        assertTrue(logLines.getFirst().contains("disabled with -Dweft.stackpool.disableMmap=true"), err);
    }
}
