/** Run machinery of incremental runs: storing and advancing the watermark of a job. */
@NullMarked
package io.aibatch.runtime.incremental;

import org.jspecify.annotations.NullMarked;
