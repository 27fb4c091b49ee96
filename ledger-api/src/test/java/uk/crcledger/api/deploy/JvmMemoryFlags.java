package uk.crcledger.api.deploy;

import java.util.List;

/**
 * The JVM memory flags the app is run with, defined once: the README's start command and the
 * Dockerfile's {@code JDK_JAVA_OPTIONS} give them ({@link DockerComposeFileTest} fails when either
 * differs), and the app benchmark's forked app runs with them unless told otherwise, so its memory
 * figures are the ones a deployment gets.
 * <p>
 * Why a fixed heap: the app's live set is bounded by its caches (read-model answers and versions, log
 * tiles and nodes, the embedded store's page cache), not by the ledger's size or the machine's memory.
 * Without a limit the JVM takes a quarter of the machine's memory as its maximum heap and G1 grows into
 * it lazily: at 100k events the app was 3.3 GB resident while its heap after a full collection was
 * 245 MB. A percentage of a container's limit ({@code MaxRAMPercentage}) has the same flaw the other way
 * round: the heap follows the limit, not what the app needs.
 */
public final class JvmMemoryFlags {

    /** In the order the README gives them. */
    public static final List<String> APP = List.of("-Xmx512m");

    private JvmMemoryFlags() {
    }
}
