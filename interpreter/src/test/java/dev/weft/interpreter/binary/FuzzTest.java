package dev.weft.interpreter.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.weft.interpreter.MalformedModuleException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random mutations of valid modules must decode to a module or fail with
 * {@link MalformedModuleException}, never with any other exception.
 */
class FuzzTest {
    /** 2,000 by default; raise with -Dweft.fuzz.mutations=N for a longer local run. */
    private static final int MUTATIONS = Integer.getInteger("weft.fuzz.mutations", 2_000);

    @Test
    void mutatedModulesDecodeOrFailAsMalformedAndNeverCrash() {
        List<byte[]> seeds = List.of(
                BinaryEncoder.encode(SampleModules.everySection()),
                new byte[] {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00, 0x01, 0x04, 0x01, 0x60,
                    0x00, 0x00, 0x03, 0x02, 0x01, 0x00, 0x0A, 0x04, 0x01, 0x02, 0x00, 0x0B});
        Random random = new Random(0x5EEDL);
        int decoded = 0;
        int malformed = 0;
        for (int i = 0; i < MUTATIONS; i++) {
            byte[] input = mutate(seeds.get(i % seeds.size()), random);
            try {
                BinaryDecoder.decode(input);
                decoded++;
            } catch (MalformedModuleException expected) {
                malformed++;
            } catch (RuntimeException | Error e) {
                fail("mutation " + i + " crashed the decoder on " + Arrays.toString(input), e);
            }
        }
        System.out.printf("fuzz: %d mutations, %d decoded, %d malformed%n", MUTATIONS, decoded, malformed);
        assertEquals(MUTATIONS, decoded + malformed);
    }

    private static byte[] mutate(byte[] seed, Random random) {
        byte[] b = seed.clone();
        int rounds = 1 + random.nextInt(4);
        for (int r = 0; r < rounds; r++) {
            b = switch (random.nextInt(4)) {
                case 0 -> flipBit(b, random);
                case 1 -> truncate(b, random);
                case 2 -> insertLeb(b, random);
                default -> overwriteByte(b, random);
            };
        }
        return b;
    }

    private static byte[] flipBit(byte[] b, Random random) {
        if (b.length > 0) {
            b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return b;
    }

    private static byte[] truncate(byte[] b, Random random) {
        return Arrays.copyOf(b, random.nextInt(b.length + 1));
    }

    private static byte[] overwriteByte(byte[] b, Random random) {
        if (b.length > 8) {
            b[8 + random.nextInt(b.length - 8)] = (byte) random.nextInt(256);
        }
        return b;
    }

    /** Inserts a random LEB128-looking run: continuation bytes, often huge values, then a last byte. */
    private static byte[] insertLeb(byte[] b, Random random) {
        int at = random.nextInt(b.length + 1);
        int len = 1 + random.nextInt(11);
        byte[] leb = new byte[len];
        for (int i = 0; i < len; i++) {
            int v = random.nextBoolean() ? 0x7F : random.nextInt(0x80);
            leb[i] = (byte) (i < len - 1 ? v | 0x80 : v);
        }
        byte[] out = new byte[b.length + len];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(leb, 0, out, at, len);
        System.arraycopy(b, at, out, at + len, b.length - at);
        return out;
    }
}
