#ifndef KAMP_CGSL_SHIM_H
#define KAMP_CGSL_SHIM_H

// Only the GSL headers kamp uses. GSL's global objects (random number
// generator types) are mutable globals in C, which Swift 6 rejects as
// unsafe shared state, so each one is reached through an inline accessor.
#include <gsl/gsl_errno.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_statistics_double.h>
#include <gsl/gsl_sort_double.h>
#include <gsl/gsl_vector.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_eigen.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_cdf.h>

static inline const gsl_rng_type *kamp_gsl_rng_mt19937(void) { return gsl_rng_mt19937; }

#endif
