/** Document classification: zero-shot embedding and LLM classifiers that label text passages. */
@NullMarked
package io.aibatch.classify;

import org.jspecify.annotations.NullMarked;
