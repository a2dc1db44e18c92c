package io.aibatch.plan.archfixture;

import io.aibatch.jobs.document.DocumentPipeline;
import io.aibatch.runtime.RunParameters;

/** Fixture for ArchitectureTest: a steps class that reaches up into the run machinery and a job (test code only). */
public class PlanUsingTheRuntime {
    RunParameters parameters;
    DocumentPipeline pipeline;
}
