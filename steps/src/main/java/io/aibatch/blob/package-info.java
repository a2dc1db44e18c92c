/** Azure Blob Storage access: client construction, container locations and the mapping of storage errors. */
@NullMarked
package io.aibatch.blob;

import org.jspecify.annotations.NullMarked;
