/** Summarization: extractive and chat summarizers. */
@NullMarked
package io.aibatch.summarize;

import org.jspecify.annotations.NullMarked;
