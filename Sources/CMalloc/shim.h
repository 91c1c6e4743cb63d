// glibc's malloc extensions (malloc_trim), which Swift's Glibc module does
// not export. Used by KeyAccounts to hand freed memory back after a large read.
#ifndef KAMP_CMALLOC_SHIM_H
#define KAMP_CMALLOC_SHIM_H
#if defined(__linux__)
#include <malloc.h>
#endif
#endif
