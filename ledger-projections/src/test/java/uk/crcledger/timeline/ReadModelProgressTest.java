package uk.crcledger.timeline;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ReadModelProgressTest {

    private final ReadModelProgress progress = new ReadModelProgress();

    @Test
    void aWaitingReaderWakesWhenABatchIsCommitted() throws Exception {
        long seen = progress.seen();
        CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
            try {
                progress.awaitAfter(seen, 60_000);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        progress.advanced();
        reader.get(30, TimeUnit.SECONDS); // long before the reader's own minute is up
        assertThat(progress.seen()).isEqualTo(seen + 1);
    }

    @Test
    void aReaderThatMissedNothingWaitsOnlyUntilItsTimeout() throws Exception {
        progress.advanced();
        long started = System.nanoTime();
        progress.awaitAfter(progress.seen(), 20);
        assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(20_000_000L);

        // A batch committed before the reader started waiting is not waited for.
        long seen = progress.seen();
        progress.advanced();
        progress.awaitAfter(seen, 60_000);
    }
}
