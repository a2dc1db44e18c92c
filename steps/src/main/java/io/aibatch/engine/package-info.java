/** The engine SPI shared by all engines: engine factories, endpoints, locality and the engine failures. */
@NullMarked
package io.aibatch.engine;

import org.jspecify.annotations.NullMarked;
