/** The simulated transcription of WAV audio: transcripts built from ground truth. */
@NullMarked
package io.aibatch.simulator.audio;

import org.jspecify.annotations.NullMarked;
