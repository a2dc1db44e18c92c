/** Result sinks: the chunk output writer, file sinks and audit records. */
@NullMarked
package io.aibatch.sink;

import org.jspecify.annotations.NullMarked;
