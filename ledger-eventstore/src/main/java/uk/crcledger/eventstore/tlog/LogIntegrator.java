package uk.crcledger.eventstore.tlog;

import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.crcledger.eventstore.MongoLedgerStorageEngine;
import uk.crcledger.eventstore.StoredEvent;
import uk.crcledger.eventstore.StoredEvents;
import uk.crcledger.tlog.merkle.CompactRange;
import uk.crcledger.tlog.merkle.InvalidProofException;
import uk.crcledger.tlog.merkle.MerkleHash;
import uk.crcledger.tlog.merkle.MerkleProofs;
import uk.crcledger.tlog.merkle.MerkleVerifier;
import uk.crcledger.tlog.merkle.Tiles;
import uk.crcledger.tlog.note.Checkpoint;
import uk.crcledger.tlog.note.NoteSigner;
import uk.crcledger.tlog.note.SignedNote;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Follows the ledger in position order and extends the Merkle tree one leaf at a time (a compact
 * range: O(log n) work per event, no rescans), storing the tiles, then the tree's size and border,
 * so a restart resumes where it stopped; then signs a checkpoint when the tree has grown, at most
 * once per interval.
 * <p>
 * One integrator writes, whatever the number of instances: it holds the claim on segment 0 of the
 * {@value #NAME} "processor" in the token store, which another instance takes over once the holder
 * stops extending it (the claim timeout), exactly as the read model's segments are shared.
 * <p>
 * What it refuses to do: integrate an event whose stored leaf, position, id or payload do not
 * match (it raises the alarm and stops there), sign while an alarm is raised, sign a size whose
 * leaves are not all integrated (it signs only what it has stored), or sign a tree that is not
 * consistent with the last checkpoint signed (it checks a consistency proof from the stored tiles
 * first).
 */
public final class LogIntegrator implements AutoCloseable {

    public static final String NAME = "tlog-integrator";
    private static final Logger log = LoggerFactory.getLogger(LogIntegrator.class);

    /** How the log is named and signed, and how often. */
    public record Settings(String origin, Duration checkpointInterval, int batchSize, Duration pollInterval,
                           String instanceName) {
    }

    private final MongoLedgerStorageEngine engine;
    private final StoredEvents stored;
    private final TileStore tiles;
    private final LogState state;
    private final TokenStore tokenStore;
    private final NoteSigner signer;
    private final Settings settings;
    private final Clock clock;

    private final Object wake = new Object();
    private final Runnable onStored = this::wakeUp;
    private volatile boolean running;
    private volatile boolean closed;
    private Thread thread;

    // Owned by the integrating thread (or a test calling integrateOnce).
    private boolean claimed;
    private boolean segmentsInitialized;
    private CompactRange range;
    private final Map<Integer, TileBuffer> openTiles = new HashMap<>();
    private final Map<String, byte[]> changedTiles = new LinkedHashMap<>();
    private volatile long integratedSize = -1;
    private volatile boolean halted;
    private volatile boolean signingRefused;

    public LogIntegrator(MongoLedgerStorageEngine engine, TileStore tiles, LogState state, TokenStore tokenStore,
                         NoteSigner signer, Settings settings, Clock clock) {
        this.engine = engine;
        this.stored = engine.storedEvents();
        this.tiles = tiles;
        this.state = state;
        this.tokenStore = tokenStore;
        this.signer = signer;
        this.settings = settings;
        this.clock = clock;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        engine.onStored(onStored);
        thread = new Thread(this::run, NAME);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            try {
                integrateOnce();
            } catch (RuntimeException e) {
                log.warn("The transparency log's integrator failed a round; it will try again: {}", e.toString());
                forget();
            }
            synchronized (wake) {
                try {
                    wake.wait(settings.pollInterval().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void wakeUp() {
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    /**
     * One round: claim (or keep) the writer's role, integrate every event stored since the last
     * round, store the tiles and the tree, sign a checkpoint if one is due. Answers whether this
     * instance is the integrator.
     */
    public synchronized boolean integrateOnce() {
        if (!claim()) {
            return false;
        }
        if (halted || state.alarm().isPresent()) {
            halted = true;
            return true;
        }
        if (range == null) {
            load();
        }
        List<StoredEvent> batch;
        do {
            batch = stored.from(range.size() + 1, settings.batchSize(), true);
            for (StoredEvent event : batch) {
                if (event.position() != range.size() + 1) {
                    halt(range.size() + 1, "no event is stored at position " + (range.size() + 1)
                            + " but one is at " + event.position());
                    return true;
                }
                Optional<String> problem = LeafCheck.problem(event);
                if (problem.isPresent()) {
                    flush();
                    halt(event.position(), problem.get());
                    return true;
                }
                range.append(MerkleHash.leaf(event.leafBytes()), this::completed);
            }
            if (!batch.isEmpty()) {
                flush();
                tokenStore.storeToken(new GlobalSequenceTrackingToken(range.size()), NAME, 0);
            }
        } while (batch.size() == settings.batchSize() && !closed);
        signIfDue();
        return true;
    }

    private boolean claim() {
        try {
            if (!segmentsInitialized) {
                if (tokenStore.fetchSegments(NAME).length == 0) {
                    try {
                        tokenStore.initializeTokenSegments(NAME, 1, null);
                    } catch (RuntimeException e) {
                        // Another instance initialized it first: fine, it exists now.
                        log.debug("Token segments of {} were initialized elsewhere: {}", NAME, e.toString());
                    }
                }
                segmentsInitialized = true;
            }
            if (claimed) {
                tokenStore.extendClaim(NAME, 0);
            } else {
                tokenStore.fetchToken(NAME, 0);
                claimed = true;
                log.info("This instance ({}) now integrates the transparency log", settings.instanceName());
            }
            return true;
        } catch (UnableToClaimTokenException e) {
            if (claimed) {
                log.info("Another instance took over integrating the transparency log");
            }
            forget();
            return false;
        }
    }

    /** Drops what this instance held in memory: another writer may have moved the tree on. */
    private void forget() {
        claimed = false;
        range = null;
        openTiles.clear();
        changedTiles.clear();
    }

    private void load() {
        LogState.Tree tree = state.tree();
        range = CompactRange.of(tree.size(), tree.nodes());
        if (tree.size() > 0 && !Arrays.equals(range.root(), tree.root())) {
            throw new IllegalStateException("The stored tree's border does not give its stored root");
        }
        openTiles.clear();
        for (int level = 0; (tree.size() >> (Tiles.HEIGHT * level)) > 0; level++) {
            long nodes = tree.size() >> (Tiles.HEIGHT * level);
            long index = nodes / Tiles.WIDTH;
            int width = (int) (nodes % Tiles.WIDTH);
            if (width > 0) {
                byte[] prefix = tiles.prefix(level, index, width);
                if (prefix == null) {
                    throw new IllegalStateException("Tile " + TileStore.id(level, index) + " holds fewer than "
                            + width + " hashes, but the stored tree has " + tree.size() + " leaves");
                }
                openTiles.put(level, new TileBuffer(index, prefix));
            }
        }
        integratedSize = tree.size();
        log.info("The transparency log resumes at {} leaves", tree.size());
    }

    private void completed(int height, long index, byte[] hash) {
        if (height % Tiles.HEIGHT != 0) {
            return;
        }
        int level = height / Tiles.HEIGHT;
        long tileIndex = index / Tiles.WIDTH;
        TileBuffer tile = openTiles.get(level);
        if (tile == null || tile.index != tileIndex) {
            tile = new TileBuffer(tileIndex, new byte[0]);
            openTiles.put(level, tile);
        }
        tile.append(hash);
        changedTiles.put(TileStore.id(level, tileIndex), tile.hashes());
        if (tile.full()) {
            openTiles.remove(level);
        }
    }

    private void flush() {
        if (changedTiles.isEmpty() && range.size() == integratedSize) {
            return;
        }
        // Tiles first, then the tree that points into them: after a crash between the two, the
        // tree is older than its tiles, and integrating again rewrites the same hashes.
        tiles.write(changedTiles);
        changedTiles.clear();
        state.saveTree(range.size(), range.nodes(), range.root());
        integratedSize = range.size();
    }

    private void signIfDue() {
        long size = range.size();
        if (size == 0 || state.alarm().isPresent()) {
            return;
        }
        Optional<LogState.SignedCheckpoint> last = state.latest();
        Instant now = clock.instant();
        if (last.isPresent()) {
            if (last.get().size() >= size) {
                if (last.get().size() > size) {
                    halt(size + 1, "the last signed checkpoint has " + last.get().size()
                            + " leaves but the stored tree only " + size);
                }
                return;
            }
            if (Duration.between(last.get().signedAt(), now).compareTo(settings.checkpointInterval()) < 0) {
                return;
            }
        }
        if (last.isPresent() && !signsAsTheLog(SignedNote.parse(last.get().note()))) {
            // Checkpoints under two keys or two origins would fail every client that holds the first: refuse, loudly.
            if (!signingRefused) {
                log.error("This instance's signing key ({}) or origin ('{}') is not the one of the latest checkpoint "
                        + "(size {}); it will not sign checkpoints. Instances sharing a ledger must share its key and "
                        + "origin (ledger.tlog.signing-key, ledger.tlog.origin).",
                        signer.verifierKey().encoded(), settings.origin(), last.get().size());
            }
            signingRefused = true;
            return;
        }
        signingRefused = false;
        byte[] root = range.root();
        if (last.isPresent()) {
            try {
                List<byte[]> proof = MerkleProofs.consistency(last.get().size(), size, Tiles.nodeReader(size, tiles));
                MerkleVerifier.verifyConsistency(last.get().size(), size, proof, last.get().root(), root);
            } catch (InvalidProofException | IllegalStateException e) {
                halt(last.get().size(), "the tree of " + size + " leaves is not consistent with the checkpoint signed at "
                        + last.get().size() + ": " + e.getMessage());
                return;
            }
        }
        String text = new Checkpoint(settings.origin(), size, root, List.of()).text();
        String note = SignedNote.sign(text, signer).encoded();
        LogState.SignedCheckpoint kept = state.keep(new LogState.SignedCheckpoint(size, root, note, now));
        if (!Arrays.equals(kept.root(), root)) {
            halt(size, "a checkpoint of " + size + " leaves with another root was signed before");
        }
    }

    private boolean signsAsTheLog(SignedNote latest) {
        return latest.verify(signer.verifierKey()) && Checkpoint.parse(latest.text()).origin().equals(settings.origin());
    }

    private void halt(long position, String problem) {
        halted = true;
        log.error("TRANSPARENCY LOG ALARM at ledger position {}: {}. Integration and checkpoint signing stop; "
                + "nothing is repaired automatically.", position, problem);
        state.raise(new LogState.Alarm(position, problem, clock.instant(), settings.instanceName()));
    }

    /** How many leaves this instance has integrated (-1 before it first integrated). */
    public long integratedSize() {
        return integratedSize;
    }

    /** Whether this instance integrates but refuses to sign, its key not being the log's. */
    public boolean refusesToSign() {
        return signingRefused;
    }

    /** Whether this instance holds the integrator's claim. */
    public boolean isIntegrating() {
        return claimed;
    }

    @Override
    public void close() {
        closed = true;
        running = false;
        engine.removeOnStored(onStored);
        // Not interrupted: a round stops at its next batch, and an interrupted driver call would drop its connection.
        wakeUp();
        synchronized (this) {
            if (claimed) {
                try {
                    tokenStore.releaseClaim(NAME, 0);
                } catch (RuntimeException e) {
                    log.debug("Could not release the integrator's claim: {}", e.toString());
                }
                claimed = false;
            }
        }
    }

    /** The hashes of the last, growing tile of one level. */
    private static final class TileBuffer {
        private final long index;
        private byte[] hashes;
        private int length;

        private TileBuffer(long index, byte[] prefix) {
            this.index = index;
            this.hashes = Arrays.copyOf(prefix, Tiles.WIDTH * MerkleHash.SIZE);
            this.length = prefix.length;
        }

        private void append(byte[] hash) {
            System.arraycopy(hash, 0, hashes, length, MerkleHash.SIZE);
            length += MerkleHash.SIZE;
        }

        private boolean full() {
            return length == hashes.length;
        }

        private byte[] hashes() {
            return Arrays.copyOf(hashes, length);
        }
    }
}
