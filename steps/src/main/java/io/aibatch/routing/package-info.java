/** Restricted routing: which engine may see an item, based on its detected sensitivity. */
@NullMarked
package io.aibatch.routing;

import org.jspecify.annotations.NullMarked;
