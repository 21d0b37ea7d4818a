package dev.weft.interpreter;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.weft.interpreter.ast.Module;
import dev.weft.interpreter.binary.BinaryDecoder;
import dev.weft.interpreter.binary.BinaryEncoder;
import dev.weft.interpreter.text.WatParser;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Bad input never escapes as a raw Java exception: 10,000 mutations of valid modules (bit flips,
 * truncations, random LEB128s, byte overwrites, duplicated ranges) each either decode, validate
 * and instantiate, or fail with one of the engine's own error types. Start functions are
 * removed before instantiation so that a mutation cannot turn one into an endless loop.
 * A failure names the seed module and mutation number, so it can be replayed.
 */
class MutationFuzzTest {
    private static final int MUTATIONS = Integer.getInteger("weft.fuzz.mutations", 10_000);
    private static final long SEED = Long.getLong("weft.fuzz.seed", 20261123L);

    private static final String[] SEEDS = {
        """
        (module
          (import "spectest" "print_i32" (func $print (param i32)))
          (import "spectest" "global_i32" (global $g i32))
          (memory 1 2)
          (data (i32.const 8) "hello, fuzz")
          (global $counter (mut i32) (i32.const 0))
          (func $fib (export "fib") (param i32) (result i32)
            (if (result i32) (i32.lt_u (local.get 0) (i32.const 2))
              (then (local.get 0))
              (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1)))
                             (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
          (func (export "sum") (param $n i32) (result i64) (local $acc i64)
            (block $done
              (loop $l
                (br_if $done (i32.eqz (local.get $n)))
                (local.set $acc (i64.add (local.get $acc) (i64.extend_i32_u (local.get $n))))
                (local.set $n (i32.sub (local.get $n) (i32.const 1)))
                (br $l)))
            (local.get $acc))
          (func $start (global.set $counter (global.get $g)))
          (start $start))
        """,
        """
        (module
          (type $t (func (param i32) (result i32)))
          (table 4 8 funcref)
          (elem (i32.const 0) $a $b)
          (elem $passive func $a)
          (func $a (type $t) (i32.mul (local.get 0) (i32.const 3)))
          (func $b (type $t) (i32.div_s (local.get 0) (i32.const 2)))
          (func (export "dispatch") (param i32 i32) (result i32)
            (call_indirect (type $t) (local.get 1) (local.get 0)))
          (func (export "grow") (result i32)
            (table.init 0 $passive (i32.const 2) (i32.const 0) (i32.const 1))
            (table.grow (ref.null func) (i32.const 2))))
        """,
        """
        (module
          (memory $m0 1)
          (memory $m1 i64 1 3)
          (data $d "\\01\\02\\03\\04")
          (func (export "copy") (param i32 i64) (result i64)
            (memory.init $m0 $d (i32.const 0) (i32.const 0) (i32.const 4))
            (i64.store $m1 (local.get 1) (i64.load $m0 (local.get 0)))
            (block (block (br_table 0 1 (i32.const 1))))
            (i64.load $m1 (local.get 1))))
        """,
        """
        (module
          (global $f (mut f64) (f64.const 1.5))
          (func (export "floats") (param f32 f64) (result f64 i32)
            (f64.add (f64.promote_f32 (local.get 0)) (f64.sqrt (local.get 1)))
            (i32.trunc_sat_f64_s (global.get $f)))
          (func (export "select") (param i32) (result externref)
            (select (result externref) (ref.null extern) (ref.null extern) (local.get 0))))
        """,
    };

    @Test
    void mutatedModulesDecodeValidateAndInstantiateOrFailWithEngineErrors() throws Exception {
        List<byte[]> seeds = new ArrayList<>();
        for (String wat : SEEDS) {
            byte[] bytes = BinaryEncoder.encode(WatParser.parseModule(wat));
            CompiledModule.compile(BinaryDecoder.decode(bytes)); // every seed is itself valid
            seeds.add(bytes);
        }
        Random random = new Random(SEED);
        int[] outcomes = new int[3]; // malformed/invalid, link/instantiation failure, success
        for (int i = 0; i < MUTATIONS; i++) {
            int seedIndex = random.nextInt(seeds.size());
            byte[] mutant = mutate(seeds.get(seedIndex), random);
            try {
                outcomes[tryLoad(mutant)]++;
            } catch (Throwable t) {
                fail("mutation " + i + " of seed " + seedIndex + " (weft.fuzz.seed=" + SEED + ") escaped as "
                        + t + "; bytes: " + Arrays.toString(mutant));
            }
        }
        assertTrue(outcomes[0] > 0 && outcomes[2] > 0,
                "mutations should both break and keep modules: " + Arrays.toString(outcomes));
    }

    /** 0 = rejected before execution, 1 = rejected at link/instantiation, 2 = instantiated. */
    private static int tryLoad(byte[] bytes) {
        CompiledModule compiled;
        try {
            Module m = BinaryDecoder.decode(bytes);
            compiled = CompiledModule.compile(withoutStart(m));
        } catch (MalformedModuleException | InvalidModuleException e) {
            return 0;
        }
        Linker linker = new Linker();
        Spectest.define(linker, new PrintStream(OutputStream.nullOutputStream()));
        try {
            linker.instantiate(compiled);
            return 2;
        } catch (UnlinkableException | UninstantiableException e) {
            return 1;
        }
    }

    private static Module withoutStart(Module m) {
        return new Module(m.recTypes(), m.imports(), m.functions(), m.tables(), m.memories(), m.globals(),
                m.tags(), m.exports(), -1, m.elements(), m.data(), m.dataCount(), m.customs());
    }

    private static byte[] mutate(byte[] original, Random random) {
        byte[] b = original.clone();
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits && b.length > 8; e++) {
            int at = 8 + random.nextInt(b.length - 8); // keep the header, mostly
            switch (random.nextInt(5)) {
                case 0 -> b[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> b = Arrays.copyOf(b, at);
                case 2 -> b = insert(b, at, randomLeb(random));
                case 3 -> b[at] = (byte) random.nextInt(256);
                default -> {
                    int len = Math.min(b.length - at, 1 + random.nextInt(8));
                    b = insert(b, at, Arrays.copyOfRange(b, at, at + len));
                }
            }
        }
        return b;
    }

    private static byte[] randomLeb(Random random) {
        int n = 1 + random.nextInt(10);
        byte[] leb = new byte[n];
        for (int i = 0; i < n; i++) {
            leb[i] = (byte) (random.nextInt(128) | (i < n - 1 ? 0x80 : 0));
        }
        return leb;
    }

    private static byte[] insert(byte[] b, int at, byte[] extra) {
        byte[] out = new byte[b.length + extra.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(extra, 0, out, at, extra.length);
        System.arraycopy(b, at, out, at + extra.length, b.length - at);
        return out;
    }
}
