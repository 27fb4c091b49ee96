package uk.crcledger.api.deploy;

import java.util.List;
import java.util.Map;

/**
 * The JVM memory flags the app is run with, defined once: the README's start command and the
 * Dockerfile's {@code JDK_JAVA_OPTIONS} give them ({@link DockerComposeFileTest} fails when either
 * differs), and the app benchmark's forked app runs with them unless told otherwise, so its memory
 * figures are the ones a deployment gets.
 * <p>
 * Why a fixed heap: what the app holds is mostly its bounded caches (read-model answers and versions, log
 * tiles and nodes, the embedded store's page cache), not the ledger. Without a limit the JVM takes a
 * quarter of the machine's memory as its maximum heap and G1 grows into it lazily: at 100k events the
 * app was 3.3 GB resident while its heap after a full collection was 245 MB. A percentage of a
 * container's limit ({@code MaxRAMPercentage}) ties the heap to the limit instead of to the app.
 * Why 1 GB: with {@code -Xmx512m} the live heap was 91 MB at 10k events and 208 MB at 100k (RSS 768 and
 * 916 MB), but the full rebuild at 100k filled the heap and the embedded store's background writer died of
 * an OutOfMemoryError, closing the store; {@code -Xmx768m} passed 100k (999 MB resident, live heap 227 MB)
 * but ran out the same way under the queries and the log's audit at 1M events. Why the serial collector:
 * it grows the heap only as far as the app needs and keeps no concurrent threads or remembered sets beside
 * it (about 50 MB less outside the heap), where G1 with the same cap committed the whole gigabyte under load
 * (1.5 GB resident at 100k). At 1M events, once timelines were read a part at a time, 1 GB carried the whole
 * step: a live heap of 204 MB after the queries, and up to 635 MB in use right after a collection during the
 * full rebuild, most of it promoted garbage (AppBenchmark, December 2026).
 * <p>
 * Why {@code ExitOnOutOfMemoryError}: when the heap runs out inside the embedded store's writer, H2 closes
 * the store and the app would go on answering 500s; a JVM that dies is restarted clean (by the container's
 * restart policy, or by whoever started it) and loses nothing acknowledged.
 */
public final class JvmMemoryFlags {

    /** In the order the README gives them. */
    public static final List<String> APP = List.of("-Xms192m", "-Xmx1g", "-Xmn128m", "-XX:+UseSerialGC",
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
