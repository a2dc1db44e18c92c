/** The Azure Cosmos DB result sink. */
@NullMarked
package io.aibatch.sink.cosmos;

import org.jspecify.annotations.NullMarked;
