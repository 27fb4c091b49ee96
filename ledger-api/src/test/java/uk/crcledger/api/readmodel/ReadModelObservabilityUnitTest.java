package uk.crcledger.api.readmodel;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;
import uk.crcledger.timeline.LedgerReadModel;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** How the read model is watched, without a running ledger: its lag and rebuild gauges and its health check. */
class ReadModelObservabilityUnitTest {

    @Test
    void lagSecondsCountFromWhenTheLagWasFirstSeen() {
        MutableClock clock = new MutableClock(Instant.parse("2024-01-01T00:00:00Z"));
        ReadModelMaintenance maintenance = mock(ReadModelMaintenance.class);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ReadModelMetrics metrics = new ReadModelMetrics(maintenance, mock(LedgerReadModel.class), registry, clock);

        when(maintenance.status()).thenReturn(status(10, 10));
        assertThat(metrics.sample().lagSeconds()).isZero();
        when(maintenance.status()).thenReturn(status(7, 10));
        assertThat(metrics.sample().lagEvents()).isEqualTo(3);
        clock.advance(Duration.ofSeconds(5));
        assertThat(metrics.sample().lagSeconds()).isEqualTo(5.0);
        assertThat(registry.get(ReadModelMetrics.LAG_EVENTS).tag("processor", "ledger-timelines").gauge().value())
                .isEqualTo(3.0);
        clock.advance(Duration.ofSeconds(2));
        when(maintenance.status()).thenReturn(status(10, 10));
        assertThat(metrics.sample().lagSeconds()).isZero();
        assertThat(registry.get(ReadModelMetrics.REBUILD_PROGRESS).gauge().value()).isEqualTo(1.0);
    }

    @Test
    void readModelIsDownWhenItsProcessorStopsOrFails() {
        ReadModelMaintenance maintenance = mock(ReadModelMaintenance.class);
        when(maintenance.status()).thenReturn(status(5, 5));
        ReadModelMetrics metrics = new ReadModelMetrics(maintenance, mock(LedgerReadModel.class),
                new SimpleMeterRegistry());
        StreamingEventProcessor processor = mock(StreamingEventProcessor.class);
        ReadModelHealthIndicator health = new ReadModelHealthIndicator(() -> processor, metrics);

        EventTrackerStatus fine = mock(EventTrackerStatus.class);
        when(processor.isRunning()).thenReturn(true);
        when(processor.processingStatus()).thenReturn(Map.of(0, fine));
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        assertThat(health.health().getDetails()).containsEntry("state", "live").containsEntry("lag", 0L);

        EventTrackerStatus failed = mock(EventTrackerStatus.class);
        when(failed.isErrorState()).thenReturn(true);
        when(failed.getError()).thenReturn(new IllegalStateException("projection broke"));
        when(processor.processingStatus()).thenReturn(Map.of(0, fine, 1, failed));
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.health().getDetails()).containsKey("segmentErrors");

        when(processor.processingStatus()).thenReturn(Map.of(0, fine));
        when(processor.isRunning()).thenReturn(false);
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
    }

    private static LedgerReadModel.Status status(long position, long head) {
        return new LedgerReadModel.Status("ledger-timelines", 1, null, "live", position, head);
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
