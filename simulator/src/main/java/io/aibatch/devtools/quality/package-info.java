/** Quality helpers for tests and benchmarks: character and word error rates (CER/WER). */
@NullMarked
package io.aibatch.devtools.quality;

import org.jspecify.annotations.NullMarked;
