/** Generic run machinery and the job SPI: pipelines, job definitions, options, engine lookup, launching and reporting a run. */
@NullMarked
package io.aibatch.runtime;

import org.jspecify.annotations.NullMarked;
