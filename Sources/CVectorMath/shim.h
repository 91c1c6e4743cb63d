// Square roots of eight doubles with the processor's vector instruction.
// Swift's SIMD8<Double>.squareRoot() compiles to eight scalar square roots,
// each with a branch to libm for negative input; the silhouette takes one
// per pair of sampled points, and the scalar roots were most of its time.
// Header only: the function is compiled into the Swift module that calls it.
#ifndef KAMP_CVECTORMATH_SHIM_H
#define KAMP_CVECTORMATH_SHIM_H
#if defined(__SSE2__)
#include <emmintrin.h>
static inline void kamp_sqrt8(double *values) {
    for (int i = 0; i < 8; i += 2) {
        _mm_storeu_pd(values + i, _mm_sqrt_pd(_mm_loadu_pd(values + i)));
    }
}
#else
static inline void kamp_sqrt8(double *values) {
    for (int i = 0; i < 8; i++) values[i] = __builtin_sqrt(values[i]);
}
#endif
#endif
