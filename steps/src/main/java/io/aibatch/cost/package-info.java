/** Cost model: price lists, node-pool usage and the cost of a run computed from its units. */
@NullMarked
package io.aibatch.cost;

import org.jspecify.annotations.NullMarked;
