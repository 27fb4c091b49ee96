package uk.crcledger.api.readmodel;

import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;
import uk.crcledger.api.observability.Redaction;
import uk.crcledger.timeline.LedgerReadModel;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The {@code readModel} health check (part of readiness): UP when the read model's processor
 * ({@value LedgerReadModel#PROCESSOR}) runs with no segment in error, with the active version,
 * state ({@code live} or {@code rebuilding}), position, head and lag as details; DOWN when it does
 * not run or a segment is in error, as the timelines would then go stale.
 */
@Component("readModelHealthIndicator")
public class ReadModelHealthIndicator implements HealthIndicator {

    private final Supplier<StreamingEventProcessor> processor;
    private final ReadModelMetrics readModel;

    public ReadModelHealthIndicator(
            @Qualifier("ledgerReadModelProcessorLookup") Supplier<StreamingEventProcessor> processor,
            ReadModelMetrics readModel) {
        this.processor = processor;
        this.readModel = readModel;
    }

    @Override
    public Health health() {
        StreamingEventProcessor p;
        try {
            p = processor.get();
        } catch (RuntimeException e) {
            return Health.down().withDetail("processor", LedgerReadModel.PROCESSOR)
                    .withDetail("error", "the processor is not configured yet").build();
        }
        Map<Integer, EventTrackerStatus> segments = p.processingStatus();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("processor", LedgerReadModel.PROCESSOR);
        details.put("running", p.isRunning());
        details.put("segmentsClaimed", segments.size());
        try {
            ReadModelMetrics.Sample sample = readModel.sample();
            LedgerReadModel.Status status = sample.status();
            details.put("activeVersion", status.activeVersion());
            if (status.buildingVersion() != null) {
                details.put("buildingVersion", status.buildingVersion());
                details.put("rebuildProgress", sample.rebuildProgress());
            }
            details.put("state", status.state());
            details.put("position", status.position());
            details.put("head", status.headPosition());
            details.put("lag", (long) sample.lagEvents());
        } catch (RuntimeException e) {
            details.put("statusError", e.getClass().getSimpleName());
        }
        Map<String, String> errors = new LinkedHashMap<>();
        segments.forEach((segment, status) -> {
            if (status.isErrorState()) {
                Throwable error = status.getError();
                errors.put(String.valueOf(segment), error == null ? "error"
                        : error.getClass().getSimpleName() + ": " + Redaction.redact(error.getMessage()));
            }
        });
        if (!errors.isEmpty()) {
            details.put("segmentErrors", errors);
        }
        boolean up = p.isRunning() && !p.isError() && errors.isEmpty();
        return (up ? Health.up() : Health.down()).withDetails(details).build();
    }
}
