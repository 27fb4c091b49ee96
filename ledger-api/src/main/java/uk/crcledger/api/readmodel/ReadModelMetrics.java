package uk.crcledger.api.readmodel;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import uk.crcledger.timeline.LedgerReadModel;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The read model's gauges, all tagged {@code processor=ledger-timelines} except the last:
 * <ul>
 *   <li>{@value #LAG_EVENTS}: the ledger's head position minus the position the processor has
 *       reached (the lowest of its segments on this instance), never below zero;</li>
 *   <li>{@value #LAG_SECONDS}: an approximation of how far behind the processor is in time. The
 *       time of the last processed event is not at hand, so this is the time since the lag was
 *       first seen above zero, and 0 while there is no lag. The lag is seen whenever a gauge or the
 *       {@code readModel} health check is read (each scrape), so the figure is as fine as the
 *       scrape interval: a lag that came and went between two scrapes is not seen;</li>
 *   <li>{@value #REBUILD_PROGRESS} (base unit ratio, exported as
 *       {@code ledger_rebuild_progress_ratio}): while a rebuild runs, the position reached over the
 *       position the rebuild must reach; 1 when the read model is live.</li>
 * </ul>
 * A scrape reads the status once (it is kept for a second) rather than once per gauge. When the
 * status cannot be read (the processor is not there yet) the gauges are NaN.
 */
@Component
public class ReadModelMetrics {

    public static final String LAG_EVENTS = "ledger.processor.lag.events";
    public static final String LAG_SECONDS = "ledger.processor.lag.seconds";
    public static final String REBUILD_PROGRESS = "ledger.rebuild.progress";

    private static final Duration KEEP = Duration.ofSeconds(1);

    private final ReadModelMaintenance maintenance;
    private final LedgerReadModel readModel;
    private final Clock clock;

    private Sample last;
    private Instant lagSince;

    @Autowired
    public ReadModelMetrics(ReadModelMaintenance maintenance, LedgerReadModel readModel, MeterRegistry registry) {
        this(maintenance, readModel, registry, Clock.systemUTC());
    }

    ReadModelMetrics(ReadModelMaintenance maintenance, LedgerReadModel readModel, MeterRegistry registry,
                     Clock clock) {
        this.maintenance = maintenance;
        this.readModel = readModel;
        this.clock = clock;
        Gauge.builder(LAG_EVENTS, this, m -> m.recent().lagEvents())
                .description("Events stored but not yet processed by the read model's processor")
                .tag("processor", LedgerReadModel.PROCESSOR)
                .register(registry);
        Gauge.builder(LAG_SECONDS, this, m -> m.recent().lagSeconds())
                .description("Seconds since the read model's processor was first seen behind (0 when caught up)")
                .tag("processor", LedgerReadModel.PROCESSOR)
                .baseUnit("seconds")
                .register(registry);
        Gauge.builder(REBUILD_PROGRESS, this, m -> m.recent().rebuildProgress())
                .description("How far a read model rebuild has come, 0 to 1 (1 when live)")
                .baseUnit("ratio")
                .register(registry);
    }

    /** The read model's status with its lag and rebuild progress, read now. */
    public synchronized Sample sample() {
        Instant now = clock.instant();
        LedgerReadModel.Status status = maintenance.status();
        long lag = Math.max(0, status.headPosition() - status.position());
        if (lag == 0) {
            lagSince = null;
        } else if (lagSince == null) {
            lagSince = now;
        }
        double lagSeconds = lagSince == null ? 0 : Duration.between(lagSince, now).toMillis() / 1000.0;
        double progress = 1.0;
        if (status.buildingVersion() != null) {
            Long until = readModel.versions().state().rebuildUntil();
            progress = until == null || until <= 0 ? 1.0 : Math.min(1.0, Math.max(0, status.position()) / (double) until);
        }
        last = new Sample(now, status, lag, lagSeconds, progress);
        return last;
    }

    /** The last sample if under a second old, else a new one; NaN when the status cannot be read. */
    private synchronized Sample recent() {
        if (last != null && Duration.between(last.at(), clock.instant()).compareTo(KEEP) < 0) {
            return last;
        }
        try {
            return sample();
        } catch (RuntimeException e) {
            return Sample.unknown(clock.instant());
        }
    }

    /** The status with what is derived from it; status is null when it could not be read. */
    public record Sample(Instant at, LedgerReadModel.Status status, double lagEvents, double lagSeconds,
                         double rebuildProgress) {

        static Sample unknown(Instant at) {
            return new Sample(at, null, Double.NaN, Double.NaN, Double.NaN);
        }
    }
}
