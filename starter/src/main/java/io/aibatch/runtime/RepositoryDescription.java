package io.aibatch.runtime;

/** Where the job repository is, for messages; never includes a password. */
public record RepositoryDescription(String value) {}
