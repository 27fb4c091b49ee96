package uk.crcledger.timeline;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Derivations of answers take turns, so that many readers do not each hold a CRC's history at once. */
class DerivationsTest {

    private final ExecutorService readers = Executors.newFixedThreadPool(3);

    @Test
    void aThirdDerivationWaitsUntilOneOfTwoEnds() throws Exception {
        Derivations derivations = new Derivations(2);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        Runnable held = () -> derivations.derive(() -> {
            running.incrementAndGet();
            await().until(() -> release.getCount() == 0);
            return running.decrementAndGet();
        });
        CompletableFuture<Void> first = CompletableFuture.runAsync(held, readers);
        CompletableFuture<Void> second = CompletableFuture.runAsync(held, readers);
        await().until(() -> running.get() == 2);

        CompletableFuture<Integer> third = CompletableFuture.supplyAsync(() -> derivations.derive(running::get),
                readers);
        await().until(() -> derivations.waiting() == 1);
        assertThat(third).isNotDone();

        release.countDown();
        assertThat(third.get(10, TimeUnit.SECONDS)).isLessThan(2);
        CompletableFuture.allOf(first, second).get(10, TimeUnit.SECONDS);
        readers.shutdownNow();
    }

    @Test
    void anAnswerDerivedFromOtherAnswersTakesOneTurn() {
        Derivations derivations = new Derivations(1);
        // With one turn, a derivation asking for another would wait on itself.
        String answer = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> derivations.derive(() -> "overview of " + derivations.derive(() -> "timelines")));
        assertThat(answer).isEqualTo("overview of timelines");
        readers.shutdownNow();
    }
}
