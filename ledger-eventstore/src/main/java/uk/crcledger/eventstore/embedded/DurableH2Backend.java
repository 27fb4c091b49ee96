package uk.crcledger.eventstore.embedded;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;

import java.util.Locale;
import java.util.Set;

/**
 * mongo-java-server's H2 backend, made durable: every write command is committed to the MVStore
 * file before the server answers it.
 * <p>
 * Why: the MVStore writes in the background about once a second, so a kill -9 lost writes that
 * the server had already acknowledged (77 to 186 of 300 in our measurement). Committing here,
 * between the write and the reply, means an acknowledged write is in the file (in the operating
 * system's buffers: it survives the process dying, not a power cut; see {@code fsync}).
 * Every write goes through one place, so the event store, the token store and the read models
 * all get the same guarantee without knowing about it.
 */
final class DurableH2Backend extends H2Backend {

    private static final Set<String> WRITE_COMMANDS = Set.of(
            "insert", "update", "delete", "findandmodify", "createindexes", "create", "drop",
            "dropdatabase", "dropindexes", "renamecollection");

    private final MVStore store;
    private final boolean fsync;
    private final Object writeLock = new Object();

    DurableH2Backend(MVStore store, boolean fsync) {
        super(store);
        this.store = store;
        this.fsync = fsync;
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        if (!WRITE_COMMANDS.contains(command.toLowerCase(Locale.ROOT))) {
            return super.handleCommand(channel, databaseName, command, query);
        }
        // One write at a time. mongo-java-server checks unique indexes, stores the document and
        // updates the indexes as separate steps, so two clients inserting the same key at once
        // could both pass the check (two app instances claiming one ledger position). Writes are
        // serialised by the file commit anyway, so this costs nothing measurable.
        synchronized (writeLock) {
            try {
                return super.handleCommand(channel, databaseName, command, query);
            } finally {
                // Also after a failed write: an ordered insertMany that stopped on a duplicate key
                // has stored the documents before it, and the client is told so.
                store.commit();
                if (fsync) {
                    store.sync();
                }
            }
        }
    }
}
