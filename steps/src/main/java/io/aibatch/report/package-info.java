/** Run reports: per-slice counters and statistics, backend-call timings and the run report model. */
@NullMarked
package io.aibatch.report;

import org.jspecify.annotations.NullMarked;
