package uk.crcledger.api.deploy;

import java.util.List;
import java.util.Map;

/**
 * The JVM memory flags the app is run with, defined once: the README's start command and the
 * Dockerfile's {@code JDK_JAVA_OPTIONS} give them ({@link DockerComposeFileTest} fails when either
 * differs), and the app benchmark's forked app runs with them unless told otherwise, so its memory
 * figures are the ones a deployment gets.
 * <p>
 * Why a ceiling: what the app holds is mostly its bounded caches (read-model answers and versions, log
 * tiles and nodes, the embedded store's page cache), not the ledger. Without a limit the JVM takes a
 * quarter of the machine's memory as its maximum heap and G1 grows into it lazily: at 100k events the
 * app was 3.3 GB resident while its heap after a full collection was 245 MB. A percentage of a
 * container's limit ({@code MaxRAMPercentage}) ties the heap to the limit instead of to the app.
 * Why 1 GB: with {@code -Xmx512m} the live heap was 91 MB at 10k events and 208 MB at 100k (RSS 768 and
 * 916 MB), but the full rebuild at 100k filled the heap and the embedded store's background writer died of
 * an OutOfMemoryError, closing the store; {@code -Xmx768m} passed 100k (999 MB resident, live heap 227 MB)
 * but ran out the same way under the queries and the log's audit at 1M events. Both were before timelines
 * were read a part at a time; since then 512 MB carries a 100k run (live heap 145 MB, December 2026), but
 * the ceiling is what an export or a burst of uncached reads has to fit under, so it stays at 1 GB and the
 * flags below keep the heap near the live set instead.
 * <p>
 * Why the serial collector: it keeps no concurrent threads or remembered sets beside the heap (about 50 MB
 * less outside it), where G1 with the same cap committed the whole gigabyte under load (1.5 GB resident at
 * 100k), and Shenandoah's compact mode was 1.37 GB resident at 10k events.
 * <p>
 * Why a floor, a young generation and the free ratios: serial grows the old generation when promotions need
 * it, and at each full collection brings it back to between {@code live / (1 - MinHeapFreeRatio)} and
 * {@code live / (1 - MaxHeapFreeRatio)} (by default 1.67 to 3.3 times the live set; shrinking in steps over a
 * few collections, {@code ShrinkHeapInSteps}); without {@code -Xmn} it sizes the young generation from the
 * old; and it never goes below the initial heap, which is 1/64 of the machine by default (377 MB on this
 * 24 GB machine, whatever the ledger).
 * At 100k events (AppBenchmark, December 2026, each run alone; the resident peak is the whole run's, the
 * rebuild's included; CPU is the app's per event while the ledger grew):
 * <ul>
 *   <li>{@code -Xmx512m}, default ratios and floor: 822 MB resident at the peak, 432 MB heap committed for
 *       145 MB live, 1.8 ms of CPU per event, the rebuild at 2,046 events/s;</li>
 *   <li>{@code -Xms64m}, ratios 20/40, the young generation following the old (about 60 MB): 704 MB, but a
 *       full collection every half second during growth, 2.4 ms per event, the rebuild 29 % slower;</li>
 *   <li>{@code -Xms192m -Xmn128m}, ratios 30/50: 735 MB, 357 MB committed for 147 MB live, 2.0 ms per
 *       event, the rebuild 11 % slower.</li>
 * </ul>
 * At 1M events, {@code -Xms192m -Xmn128m} with ratios 25/40 held the resident set to 908 MB after the
 * queries (378 MB committed for 180 MB live; the earlier {@code -Xmx1g} alone: 1,215 MB, 639 for 204), but
 * cost 2.8 ms of CPU per event while the ledger grew against 2.26: the live set during growth is only 70 to
 * 160 MB, so the old generation sized to it was collected in full 1.2 times a second, a third of a core. The
 * committed flags keep those ratios, which size the heap at the 1M step, and raise the floor to 384 MB (an
 * old generation of at least 256 MB), which sizes it while the ledger grows: 903 MB resident after the 1M
 * step's queries (371 MB committed for 173 MB live), 945 MB at the whole run's peak with the full rebuild,
 * 2.32 ms of CPU per event while growing; the rebuild ran at 978 events/s against 1,181 with the earlier
 * flags, its full collections 1.6 times a second.
 * <p>
 * Why {@code jdk.nio.maxCachedBufferSize}: a thread that writes a heap buffer to a file or socket gets a direct
 * copy of it, which the JDK caches per thread at the size of the largest such write; the embedded store (H2's
 * MVStore) writes whole chunks from heap buffers, from whichever thread stores them. Direct buffers
 * were 18, 39 and 44 MB at 10k, 100k and 1M events; with the cap at 256 KB, 11, 27 and 27 MB (what is left
 * is the buffers under the cap, up to 256 KB for each of about 75 threads).
 * <p>
 * Why {@code ExitOnOutOfMemoryError}: when the heap runs out inside the embedded store's writer, H2 closes
 * the store and the app would go on answering 500s; a JVM that dies is restarted clean (by the container's
 * restart policy, or by whoever started it) and loses nothing acknowledged.
 */
public final class JvmMemoryFlags {

    /** In the order the README gives them. */
    public static final List<String> APP = List.of("-Xms384m", "-Xmx1g", "-Xmn128m", "-XX:+UseSerialGC",
            "-XX:MinHeapFreeRatio=25", "-XX:MaxHeapFreeRatio=40", "-XX:+ExitOnOutOfMemoryError",
            "-Djdk.nio.maxCachedBufferSize=262144");

    /**
     * The environment the JVM is started in. {@code MALLOC_ARENA_MAX=2}: glibc gives each thread that
     * mallocs under contention an arena of its own (up to eight per core), each reserving 64 MB of which
     * the JIT compilers, the NIO buffers and the embedded server's threads touch a part that is never
     * given back; at 1M events the app had about 260 MB resident in such arenas beside its heap, metaspace
     * and code (pmap, December 2026). Two arenas keep that down at no cost the app can measure, since
     * the JVM's own objects live in the Java heap, not in malloc.
     */
    public static final Map<String, String> ENVIRONMENT = Map.of("MALLOC_ARENA_MAX", "2");

    private JvmMemoryFlags() {
    }
}
