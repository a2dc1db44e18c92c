package io.aibatch.runtime;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * The Spring context of one CLI command when the application brings no configuration of its own
 * ({@link io.aibatch.cli.AibatchCommand#main}): auto-configuration only, so the starter and every job module on the
 * class path contribute their beans. Started by the CLI, never on its own.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class AibatchApplication {}
