/** Calling backends safely: adaptive concurrency limits, retries, circuit breaking and call outcomes. */
@NullMarked
package io.aibatch.resilience;

import org.jspecify.annotations.NullMarked;
