/** Transcription engines: the Azure Speech container and the OpenAI-compatible transcription API. */
@NullMarked
package io.aibatch.engine.speech;

import org.jspecify.annotations.NullMarked;
