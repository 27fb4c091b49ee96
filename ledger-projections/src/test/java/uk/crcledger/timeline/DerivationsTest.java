package uk.crcledger.timeline;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
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

    @org.junit.jupiter.api.AfterEach
    void stopReaders() {
        readers.shutdownNow();
    }

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
    }

    /** A write's 201 waits on its entry's answer: that must not queue behind timelines being derived. */
    @Test
    void anEntryIsAnsweredWhileATimelineWaitsForItsTurn() throws Exception {
        Derivations derivations = new Derivations(1);
        CountDownLatch release = new CountDownLatch(1);
        LedgerQueries slow = new LedgerQueries() {
            public List<CrcView> crcs() { return List.of(); }
            public List<ProviderView> providers() { return List.of(); }
            public Optional<CrcView> crc(String crcId) { return Optional.empty(); }
            public Optional<Timeline> crcTimeline(String crcId, TimelineFilter filter) {
                await().atMost(Duration.ofSeconds(30)).until(() -> release.getCount() == 0);
                return Optional.of(new Timeline(List.of(), 0, 0, 50));
            }
            public Optional<ProviderSummary> provider(String providerId) { return Optional.empty(); }
            public Optional<Timeline> providerTimeline(String providerId, TimelineFilter filter) {
                return Optional.empty();
            }
            public Optional<LedgerEntry> entry(String entryId) { return Optional.empty(); }
        };
        Cache<List<Object>, Object> cache = Caffeine.newBuilder().build();
        CachedQueries queries = new CachedQueries(cache, () -> slow, "stamp", null, derivations);
        CompletableFuture<Optional<Timeline>> first = CompletableFuture.supplyAsync(
                () -> queries.crcTimeline("a", TimelineFilter.all()), readers);
        CompletableFuture<Optional<Timeline>> second = CompletableFuture.supplyAsync(
                () -> queries.crcTimeline("b", TimelineFilter.all()), readers);
        await().until(() -> derivations.waiting() == 1);

        assertThat(org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> queries.entry("entry-1"))).isEmpty();
        assertThat(second).isNotDone();

        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isPresent();
        assertThat(second.get(10, TimeUnit.SECONDS)).isPresent();
    }

    @Test
    void anAnswerDerivedFromOtherAnswersTakesOneTurn() {
        Derivations derivations = new Derivations(1);
        // With one turn, a derivation asking for another would wait on itself.
        String answer = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> derivations.derive(() -> "overview of " + derivations.derive(() -> "timelines")));
        assertThat(answer).isEqualTo("overview of timelines");
    }
}
