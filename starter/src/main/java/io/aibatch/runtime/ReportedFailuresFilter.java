package io.aibatch.runtime;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import io.aibatch.resilience.BackendConfigurationException;
import io.aibatch.resilience.BackendUnavailableException;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Quiet when the failure is one the run reports itself: Spring Batch logs every failed chunk and step at ERROR with a
 * stack trace, also when the cause is a configuration the backend refused, the dead-letter threshold, an unusable input or a
 * backend outage — faults the command already reports in one line (with exit 78, 1 or 3) and the breaker in one WARN. Those
 * ERROR events are dropped, as is the partition step's "unsuccessful step" summary of them; anything unexpected still
 * logs its stack trace.
 */
public final class ReportedFailuresFilter extends TurboFilter {

    /** Adds the filter to logback once (call after Spring Boot configured logging). */
    public static void install() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context
                && context.getTurboFilterList().stream().noneMatch(ReportedFailuresFilter.class::isInstance)) {
            ReportedFailuresFilter filter = new ReportedFailuresFilter();
            filter.start();
            context.addTurboFilter(filter);
        }
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (level != Level.ERROR || !logger.getName().startsWith("org.springframework.batch")) {
            return FilterReply.NEUTRAL;
        }
        Throwable thrown = t;
        if (thrown == null
                && params != null
                && params.length > 0
                && params[params.length - 1] instanceof Throwable last) {
            thrown = last;
        }
        for (Throwable e = thrown; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof BackendConfigurationException
                    || e instanceof BackendUnavailableException
                    || e instanceof DeadLetterThreshold.ExceededException
                    || e instanceof InputUnusableException
                    || String.valueOf(e.getMessage()).startsWith("Partition handler returned an unsuccessful step")) {
                return FilterReply.DENY;
            }
        }
        return FilterReply.NEUTRAL;
    }
}
