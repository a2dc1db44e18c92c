/** Audio building blocks: decoding and resampling audio items to PCM, audio limits and the transcription item handler. */
@NullMarked
package io.aibatch.audio;

import org.jspecify.annotations.NullMarked;
