/** The shipped audio-transcription job: its pipeline, options and configuration. */
@NullMarked
package io.aibatch.jobs.audio;

import org.jspecify.annotations.NullMarked;
