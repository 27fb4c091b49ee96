package uk.crcledger.eventstore.embedded;

import de.bwaldvogel.mongo.MongoServer;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreTool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The ledger's embedded default: mongo-java-server with its file-backed H2 backend, listening on
 * loopback, so the same MongoDB driver code runs against it and against a real replica set.
 * <p>
 * Settings, and why (measured, see the module README):
 * <ul>
 *   <li>every write command is committed to the file before it is acknowledged
 *       ({@link DurableH2Backend}), so kill -9 loses no acknowledged write;</li>
 *   <li>retention time 0: with the default 45 s, committing after each write keeps every chunk
 *       of the last 45 s alive and the file grew to ~36 KB per 700-byte document; with 0 the
 *       background writer reuses free space at once (~2 KB per document);</li>
 *   <li>the file is compacted offline when the server starts (cheap: seconds for hundreds of MB)
 *       and the store gets a short compaction when it closes.</li>
 * </ul>
 */
public final class EmbeddedMongoServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongoServer.class);
    static final String FILE_NAME = "ledger.mv.db";
    private static final int CLOSE_COMPACTION_MILLIS = 2_000;

    private final Path file;
    private final MVStore store;
    private final MongoServer server;
    private final InetSocketAddress address;

    private EmbeddedMongoServer(Path file, MVStore store, MongoServer server, InetSocketAddress address) {
        this.file = file;
        this.store = store;
        this.server = server;
        this.address = address;
    }

    /** Starts a server on a random loopback port, keeping its data under {@code dataDir}. */
    public static EmbeddedMongoServer start(Path dataDir) {
        return start(dataDir, "127.0.0.1", 0, false);
    }

    /**
     * Starts a server keeping its data under {@code dataDir}.
     *
     * @param host  the address to listen on (loopback unless several machines share it)
     * @param port  the port, 0 for a random free one
     * @param fsync also force the file to the disk after each write (survives a power cut, costs
     *              a disk flush per write)
     */
    public static EmbeddedMongoServer start(Path dataDir, String host, int port, boolean fsync) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + dataDir, e);
        }
        Path file = dataDir.resolve(FILE_NAME).toAbsolutePath();
        compactIfPresent(file);
        MVStore store = new MVStore.Builder().fileName(file.toString()).open();
        store.setRetentionTime(0);
        MongoServer server = new MongoServer(new DurableH2Backend(store, fsync));
        InetSocketAddress address;
        try {
            server.bind(new InetSocketAddress(host, port));
            address = server.getLocalAddress();
        } catch (RuntimeException e) {
            store.closeImmediately();
            throw e;
        }
        log.info("Embedded MongoDB (mongo-java-server, H2 file {}) listening on {}:{}", file, address.getHostString(),
                address.getPort());
        return new EmbeddedMongoServer(file, store, server, address);
    }

    private static void compactIfPresent(Path file) {
        if (!Files.exists(file)) {
            return;
        }
        try {
            long before = Files.size(file);
            long started = System.nanoTime();
            MVStoreTool.compact(file.toString(), false);
            long after = Files.size(file);
            log.info("Compacted {} from {} to {} bytes in {} ms", file, before, after,
                    (System.nanoTime() - started) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            // A store that cannot be compacted still opens; compaction only saves space.
            log.warn("Could not compact {}: {}", file, e.toString());
        }
    }

    /** A {@code mongodb://} connection string for this server. */
    public String connectionString() {
        return "mongodb://" + address.getHostString() + ":" + address.getPort();
    }

    /** For tests of the backend's storage. */
    MVStore store() {
        return store;
    }

    public int port() {
        return address.getPort();
    }

    public Path file() {
        return file;
    }

    /** The size of the data file now, in bytes. */
    public long fileSize() {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.shutdownNow();
        if (!store.isClosed()) {
            store.close(CLOSE_COMPACTION_MILLIS);
        }
        log.info("Embedded MongoDB stopped; data kept in {}", file);
    }
}
