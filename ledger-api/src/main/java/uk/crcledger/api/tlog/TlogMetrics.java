package uk.crcledger.api.tlog;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;
import uk.crcledger.eventstore.tlog.LogIntegrator;
import uk.crcledger.eventstore.tlog.LogReader;
import uk.crcledger.eventstore.tlog.LogState;

/**
 * The log's gauges for Prometheus: how many leaves are integrated and signed (their difference is
 * what a reader cannot prove yet), whether this instance integrates, and the tamper alarm (1 once
 * raised), so that an alert fires without anyone reading the health page.
 */
@Component
public class TlogMetrics implements MeterBinder {

    private final LogReader log;
    private final LogIntegrator integrator;

    public TlogMetrics(LogReader log, LogIntegrator integrator) {
        this.log = log;
        this.integrator = integrator;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("ledger.tlog.integrated.leaves", log, LogReader::integratedSize)
                .description("Leaves integrated into the transparency log's tree").register(registry);
        Gauge.builder("ledger.tlog.checkpoint.size", log, l -> l.latest().map(LogState.SignedCheckpoint::size).orElse(0L))
                .description("Tree size of the latest signed checkpoint").register(registry);
        Gauge.builder("ledger.tlog.integrating", integrator, i -> i.isIntegrating() ? 1 : 0)
                .description("1 on the instance that integrates the log and signs its checkpoints").register(registry);
        Gauge.builder("ledger.tlog.alarm", log, l -> l.alarm().isPresent() ? 1 : 0)
                .description("1 once stored events were found not to match the log (see the tlog health component)")
                .register(registry);
    }
}
