// Only a declaration (include/LibFuzzer.h): the definition comes with -sanitize=fuzzer.
#include "LibFuzzer.h"
