/** The item pipeline: item handlers, their outcomes, units, dead-letter records and the pipelined reader. */
@NullMarked
package io.aibatch.pipeline;

import org.jspecify.annotations.NullMarked;
