package uk.crcledger.eventstore;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.crcledger.eventstore.testing.AppendUntilKilled;
import uk.crcledger.eventstore.testing.EmbeddedStore;
import uk.crcledger.eventstore.testing.TestEvents.Probed;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills a JVM that is appending (kill -9, no shutdown hook runs) and checks what the next start
 * finds: every acknowledged commit, no partial commit, positions gapless and in order.
 */
class CrashIntegrationTest {

    private static final int ROUNDS = 3;
    private static final int WRITERS = 8;

    @TempDir
    Path dataDir;

    @Test
    void losesNoAcknowledgedCommitAndLeavesNoPartialOneWhenKilledMidAppend() throws Exception {
        Random random = new Random(42);
        Set<String> acknowledged = new HashSet<>();
        for (int round = 0; round < ROUNDS; round++) {
            acknowledged.addAll(appendUntilKilled(round, 100 + random.nextInt(300)));

            try (EmbeddedStore store = EmbeddedStore.start(dataDir)) {
                List<TrackedEventMessage<?>> events = new ArrayList<>();
                store.engine().readEvents(null, false).forEach(events::add);

                Map<String, List<Probed>> commits = new LinkedHashMap<>();
                for (TrackedEventMessage<?> event : events) {
                    Probed probe = (Probed) event.getPayload();
                    commits.computeIfAbsent(probe.commit(), c -> new ArrayList<>()).add(probe);
                }
                assertThat(commits.keySet()).containsAll(acknowledged);
                commits.forEach((commit, parts) -> assertThat(parts)
                        .as("events of commit %s", commit)
                        .extracting(Probed::index).containsExactly(0, 1, 2));
                assertThat(events).extracting(e -> e.trackingToken().position().orElseThrow())
                        .containsExactlyElementsOf(LongStream.rangeClosed(1, events.size()).boxed().toList());
                for (int w = 0; w < WRITERS; w++) {
                    List<Long> sequence = store.engine().readEvents("writer-" + w).asStream()
                            .map(DomainEventMessage::getSequenceNumber).toList();
                    assertThat(sequence).containsExactlyElementsOf(
                            LongStream.range(0, sequence.size()).boxed().toList());
                }
            }
        }
    }

    private Set<String> appendUntilKilled(int round, int acksBeforeKill) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                AppendUntilKilled.class.getName(), dataDir.toString(), String.valueOf(WRITERS), "r" + round)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        Process process = builder.start();
        Set<String> acks = java.util.Collections.synchronizedSet(new HashSet<>());
        CountDownLatch enough = new CountDownLatch(acksBeforeKill);
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("ACK ")) {
                        acks.add(line.substring(4));
                        enough.countDown();
                    }
                }
            } catch (java.io.IOException ignored) {
                // The process was killed: its output ends here.
            }
        });
        reader.start();
        try {
            assertThat(enough.await(120, TimeUnit.SECONDS)).as("the forked writer acknowledged appends").isTrue();
        } finally {
            process.destroyForcibly(); // SIGKILL: no shutdown hook, no close, no flush
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            reader.join(10_000);
        }
        assertThat(process.exitValue()).isEqualTo(137);
        return new HashSet<>(acks);
    }
}
