package io.aibatch.runtime;

import io.aibatch.report.RunReport;

/** A report in the middle of a run, for tests of what watches runs. */
final class RunMonitorTestReports {

    private RunMonitorTestReports() {}

    static RunReport report() {
        return RunMonitorTest.report(250, 10, 4.0);
    }
}
