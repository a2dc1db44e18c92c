/** Audio building blocks: decoding and resampling audio items to the PCM the speech engines take, and audio limits. */
@NullMarked
package io.aibatch.audio;

import org.jspecify.annotations.NullMarked;
