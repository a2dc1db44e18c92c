/** Incremental runs: watermarks that select only the items changed since the last run. */
@NullMarked
package io.aibatch.incremental;

import org.jspecify.annotations.NullMarked;
