/** The work item of a run and its stable identifiers. */
@NullMarked
package io.aibatch.item;

import org.jspecify.annotations.NullMarked;
