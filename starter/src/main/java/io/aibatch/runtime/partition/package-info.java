/** Partition handlers that run a run's slices in worker processes and poll the job repository for their end. */
@NullMarked
package io.aibatch.runtime.partition;

import org.jspecify.annotations.NullMarked;
