/* vectors: integer, float and byte kernels written twice, once with the 128-bit SIMD
 * intrinsics of <wasm_simd128.h> (built with -msimd128) and once as plain scalar C (built
 * without). Both builds print the same lines; a difference is a SIMD execution bug.
 *
 * usage: vectors [N=65536]   (N = elements per array, rounded down to a multiple of 16)
 *
 * Every kernel's result is exact whatever the order of the lanes' operations: integer sums
 * wrap modulo 2^32, the float kernels use small integers (exact in f32/f64).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __wasm_simd128__
#include <wasm_simd128.h>
#endif

#define MAT 16

static uint32_t seed = 12345;

static uint32_t next_random(void) {
    seed = seed * 1103515245u + 12345u;
    return seed >> 8;
}

/* Sum of 32-bit integers (i32x4.add). */
static uint32_t sum_i32(const int32_t *a, int n) {
#ifdef __wasm_simd128__
    v128_t acc = wasm_i32x4_splat(0);
    for (int i = 0; i < n; i += 4) acc = wasm_i32x4_add(acc, wasm_v128_load(a + i));
    return (uint32_t) wasm_i32x4_extract_lane(acc, 0) + (uint32_t) wasm_i32x4_extract_lane(acc, 1)
         + (uint32_t) wasm_i32x4_extract_lane(acc, 2) + (uint32_t) wasm_i32x4_extract_lane(acc, 3);
#else
    uint32_t s = 0;
    for (int i = 0; i < n; i++) s += (uint32_t) a[i];
    return s;
#endif
}

/* How many bytes equal c (i8x16.eq, i8x16.bitmask). */
static int count_byte(const uint8_t *b, int n, uint8_t c) {
    int count = 0;
#ifdef __wasm_simd128__
    v128_t needle = wasm_i8x16_splat((int8_t) c);
    for (int i = 0; i < n; i += 16) {
        count += __builtin_popcount(wasm_i8x16_bitmask(wasm_i8x16_eq(wasm_v128_load(b + i), needle)));
    }
#else
    for (int i = 0; i < n; i++) count += b[i] == c;
#endif
    return count;
}

/* Checksum of the unsigned saturating byte sums a+b (u8x16.add_sat) and averages (u8x16.avgr). */
static uint32_t saturate_bytes(const uint8_t *a, const uint8_t *b, uint8_t *out, int n) {
#ifdef __wasm_simd128__
    for (int i = 0; i < n; i += 16) {
        v128_t x = wasm_v128_load(a + i), y = wasm_v128_load(b + i);
        wasm_v128_store(out + i, wasm_v128_xor(wasm_u8x16_add_sat(x, y), wasm_u8x16_avgr(x, y)));
    }
#else
    for (int i = 0; i < n; i++) {
        int s = a[i] + b[i];
        out[i] = (uint8_t) ((s > 255 ? 255 : s) ^ ((a[i] + b[i] + 1) >> 1));
    }
#endif
    uint32_t h = 0;
    for (int i = 0; i < n; i++) h = h * 31u + out[i];
    return h;
}

/* Largest and smallest signed 16-bit values (i16x8.max_s, i16x8.min_s). */
static void extremes_i16(const int16_t *a, int n, int *lo, int *hi) {
#ifdef __wasm_simd128__
    v128_t mx = wasm_v128_load(a), mn = mx;
    for (int i = 8; i < n; i += 8) {
        v128_t v = wasm_v128_load(a + i);
        mx = wasm_i16x8_max(mx, v);
        mn = wasm_i16x8_min(mn, v);
    }
    int16_t m[8], k[8];
    wasm_v128_store(m, mx);
    wasm_v128_store(k, mn);
    *hi = m[0];
    *lo = k[0];
    for (int i = 1; i < 8; i++) {
        if (m[i] > *hi) *hi = m[i];
        if (k[i] < *lo) *lo = k[i];
    }
#else
    *hi = *lo = a[0];
    for (int i = 1; i < n; i++) {
        if (a[i] > *hi) *hi = a[i];
        if (a[i] < *lo) *lo = a[i];
    }
#endif
}

/* Dot product of 16-bit vectors into 32 bits (i32x4.dot_i16x8_s). */
static uint32_t dot_i16(const int16_t *a, const int16_t *b, int n) {
#ifdef __wasm_simd128__
    v128_t acc = wasm_i32x4_splat(0);
    for (int i = 0; i < n; i += 8) {
        acc = wasm_i32x4_add(acc, wasm_i32x4_dot_i16x8(wasm_v128_load(a + i), wasm_v128_load(b + i)));
    }
    uint32_t s = 0;
    for (int l = 0; l < 4; l++) s += (uint32_t) ((int32_t *) &acc)[l];
    return s;
#else
    uint32_t s = 0;
    for (int i = 0; i < n; i++) s += (uint32_t) (a[i] * b[i]);
    return s;
#endif
}

/* Sum of the widened products of bytes (i16x8.extmul_low/high_i8x16_u, i32x4.extadd_pairwise_u16x8). */
static uint32_t widened_products(const uint8_t *a, const uint8_t *b, int n) {
#ifdef __wasm_simd128__
    v128_t acc = wasm_i32x4_splat(0);
    for (int i = 0; i < n; i += 16) {
        v128_t x = wasm_v128_load(a + i), y = wasm_v128_load(b + i);
        acc = wasm_i32x4_add(acc, wasm_u32x4_extadd_pairwise_u16x8(wasm_u16x8_extmul_low_u8x16(x, y)));
        acc = wasm_i32x4_add(acc, wasm_u32x4_extadd_pairwise_u16x8(wasm_u16x8_extmul_high_u8x16(x, y)));
    }
    return (uint32_t) wasm_i32x4_extract_lane(acc, 0) + (uint32_t) wasm_i32x4_extract_lane(acc, 1)
         + (uint32_t) wasm_i32x4_extract_lane(acc, 2) + (uint32_t) wasm_i32x4_extract_lane(acc, 3);
#else
    uint32_t s = 0;
    for (int i = 0; i < n; i++) s += (uint32_t) (a[i] * b[i]);
    return s;
#endif
}

/* Reverses every 16-byte block (i8x16.shuffle) and returns a checksum. */
static uint32_t reverse_blocks(const uint8_t *a, uint8_t *out, int n) {
#ifdef __wasm_simd128__
    for (int i = 0; i < n; i += 16) {
        v128_t v = wasm_v128_load(a + i);
        wasm_v128_store(out + i, wasm_i8x16_shuffle(v, v, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0));
    }
#else
    for (int i = 0; i < n; i += 16) {
        for (int j = 0; j < 16; j++) out[i + j] = a[i + 15 - j];
    }
#endif
    uint32_t h = 0;
    for (int i = 0; i < n; i++) h = h * 33u + out[i] * (uint32_t) (i & 7);
    return h;
}

/* 16x16 f32 matrix product c = a*b (f32x4.mul, f32x4.add, splat); returns the sum of c. */
static int64_t matmul(const float *a, const float *b, float *c) {
#ifdef __wasm_simd128__
    for (int i = 0; i < MAT; i++) {
        for (int j = 0; j < MAT; j += 4) {
            v128_t acc = wasm_f32x4_splat(0.0f);
            for (int k = 0; k < MAT; k++) {
                acc = wasm_f32x4_add(acc, wasm_f32x4_mul(wasm_f32x4_splat(a[i * MAT + k]),
                                                         wasm_v128_load(b + k * MAT + j)));
            }
            wasm_v128_store(c + i * MAT + j, acc);
        }
    }
#else
    for (int i = 0; i < MAT; i++) {
        for (int j = 0; j < MAT; j++) {
            float acc = 0.0f;
            for (int k = 0; k < MAT; k++) acc += a[i * MAT + k] * b[k * MAT + j];
            c[i * MAT + j] = acc;
        }
    }
#endif
    int64_t s = 0;
    for (int i = 0; i < MAT * MAT; i++) s += (int64_t) c[i];
    return s;
}

/* Sum of sqrt(x*x) and of min(x, 100) over doubles (f64x2.sqrt, f64x2.mul, f64x2.min). */
static int64_t doubles(const int32_t *a, int n) {
#ifdef __wasm_simd128__
    v128_t acc = wasm_f64x2_splat(0.0), cap = wasm_f64x2_splat(100.0);
    for (int i = 0; i < n; i += 2) {
        v128_t x = wasm_f64x2_convert_low_i32x4(wasm_v128_load64_zero(a + i));
        x = wasm_f64x2_sub(x, wasm_f64x2_splat(4096.0));
        acc = wasm_f64x2_add(acc, wasm_f64x2_sqrt(wasm_f64x2_mul(x, x)));
        acc = wasm_f64x2_add(acc, wasm_f64x2_min(x, cap));
    }
    return (int64_t) (wasm_f64x2_extract_lane(acc, 0) + wasm_f64x2_extract_lane(acc, 1));
#else
    double s0 = 0.0, s1 = 0.0;
    for (int i = 0; i < n; i += 2) {
        double x = (double) a[i] - 4096.0, y = (double) a[i + 1] - 4096.0;
        s0 += __builtin_sqrt(x * x) + (x < 100.0 ? x : 100.0);
        s1 += __builtin_sqrt(y * y) + (y < 100.0 ? y : 100.0);
    }
    return (int64_t) (s0 + s1);
#endif
}

/* Converts ints to floats, scales by 0.5, truncates back with saturation (f32x4.convert_i32x4_s,
 * i32x4.trunc_sat_f32x4_s), narrows to bytes with signed saturation (i16x8/i8x16.narrow). */
static uint32_t conversions(const int32_t *a, int8_t *out, int n) {
#ifdef __wasm_simd128__
    v128_t half = wasm_f32x4_splat(0.5f);
    for (int i = 0; i < n; i += 16) {
        v128_t q[4];
        for (int k = 0; k < 4; k++) {
            v128_t f = wasm_f32x4_mul(wasm_f32x4_convert_i32x4(wasm_v128_load(a + i + 4 * k)), half);
            q[k] = wasm_i32x4_sub(wasm_i32x4_trunc_sat_f32x4(f), wasm_i32x4_splat(2048));
        }
        v128_t lo = wasm_i16x8_narrow_i32x4(q[0], q[1]), hi = wasm_i16x8_narrow_i32x4(q[2], q[3]);
        wasm_v128_store(out + i, wasm_i8x16_narrow_i16x8(lo, hi));
    }
#else
    for (int i = 0; i < n; i++) {
        int v = (int) ((float) a[i] * 0.5f) - 2048;
        out[i] = (int8_t) (v > 127 ? 127 : v < -128 ? -128 : v);
    }
#endif
    uint32_t h = 0;
    for (int i = 0; i < n; i++) h = h * 31u + (uint8_t) out[i];
    return h;
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 65536;
    n &= ~15;
    if (n < 16) n = 16;
    int32_t *i32 = malloc(sizeof(int32_t) * n);
    int16_t *s16 = malloc(sizeof(int16_t) * n), *t16 = malloc(sizeof(int16_t) * n);
    uint8_t *b1 = malloc(n), *b2 = malloc(n), *b3 = malloc(n);
    int8_t *narrowed = malloc(n);
    static float ma[MAT * MAT], mb[MAT * MAT], mc[MAT * MAT];
    for (int i = 0; i < n; i++) {
        i32[i] = (int32_t) (next_random() & 8191);
        s16[i] = (int16_t) next_random();
        t16[i] = (int16_t) next_random();
        b1[i] = (uint8_t) next_random();
        b2[i] = (uint8_t) "the quick brown fox jumps over the lazy dog "[i % 44];
    }
    for (int i = 0; i < MAT * MAT; i++) {
        ma[i] = (float) (int) (next_random() % 17) - 8.0f;
        mb[i] = (float) (int) (next_random() % 13) - 6.0f;
    }
    int lo, hi;
    extremes_i16(s16, n, &lo, &hi);
    printf("sum_i32 %u\n", sum_i32(i32, n));
    printf("count_e %d\n", count_byte(b2, n, 'e'));
    printf("saturate %u\n", saturate_bytes(b1, b2, b3, n));
    printf("extremes_i16 %d %d\n", lo, hi);
    printf("dot_i16 %u\n", dot_i16(s16, t16, n));
    printf("widened %u\n", widened_products(b1, b2, n));
    printf("reverse %u\n", reverse_blocks(b1, b3, n));
    printf("matmul %lld\n", (long long) matmul(ma, mb, mc));
    printf("doubles %lld\n", (long long) doubles(i32, n));
    printf("conversions %u\n", conversions(i32, narrowed, n));
    return 0;
}
