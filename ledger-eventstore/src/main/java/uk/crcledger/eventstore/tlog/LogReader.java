package uk.crcledger.eventstore.tlog;

import uk.crcledger.eventstore.StoredEvent;
import uk.crcledger.eventstore.StoredEvents;
import uk.crcledger.tlog.merkle.EntryBundlePath;
import uk.crcledger.tlog.merkle.EntryBundles;
import uk.crcledger.tlog.merkle.HashTilePath;
import uk.crcledger.tlog.merkle.InvalidProofException;
import uk.crcledger.tlog.merkle.MerkleHash;
import uk.crcledger.tlog.merkle.MerkleProofs;
import uk.crcledger.tlog.merkle.MerkleVerifier;
import uk.crcledger.tlog.merkle.NodeReader;
import uk.crcledger.tlog.merkle.Tiles;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;

/**
 * What any instance serves of the log, read from the stored tiles, checkpoints and events. Every
 * proof is checked against the signed root before it is answered: a proof that does not verify
 * means the stored tree was damaged, which raises the alarm instead of serving it.
 */
public final class LogReader {

    private final StoredEvents stored;
    private final TileStore tiles;
    private final LogState state;
    private final String instanceName;

    /** About 80 bytes each: 200,000 nodes are 16 MiB, the upper levels of any tree this ledger will grow. */
    private final com.github.benmanes.caffeine.cache.Cache<Long, byte[]> completeNodes =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(200_000).build();

    public LogReader(StoredEvents stored, TileStore tiles, LogState state, String instanceName) {
        this.stored = stored;
        this.tiles = tiles;
        this.state = state;
        this.instanceName = instanceName;
    }

    public Optional<LogState.SignedCheckpoint> latest() {
        return state.latest();
    }

    public Optional<LogState.SignedCheckpoint> signed(long size) {
        return state.signed(size);
    }

    public long integratedSize() {
        return state.tree().size();
    }

    public Optional<LogState.Alarm> alarm() {
        return state.alarm();
    }

    /** A hash tile as the spec serves it (full or exactly W wide), if that much is stored. */
    public Optional<byte[]> hashTile(HashTilePath path) {
        return Optional.ofNullable(tiles.prefix(path.level(), path.index(), path.width()));
    }

    /** An entry bundle (the leaves' bytes), if the tree has integrated every leaf it holds. */
    public Optional<byte[]> entryBundle(EntryBundlePath path) {
        return bundleEvents(path).map(events -> {
            List<byte[]> leaves = new ArrayList<>(events.size());
            for (StoredEvent event : events) {
                if (event.leaf() == null) {
                    throw alarm(event.position(), "the event at position " + event.position() + " has no leaf");
                }
                leaves.add(event.leafBytes());
            }
            return EntryBundles.encode(leaves);
        });
    }

    /**
     * The stored events of one entry bundle's positions (for their payloads), if the tree has
     * integrated every one of them.
     */
    public Optional<List<StoredEvent>> bundleEvents(EntryBundlePath path) {
        long first = path.index() * Tiles.WIDTH + 1;
        long last = first + path.width() - 1;
        if (last > integratedSize()) {
            return Optional.empty();
        }
        List<StoredEvent> events = stored.at(LongStream.rangeClosed(first, last).boxed().toList());
        requireEvery(events, first, path);
        return Optional.of(events);
    }

    /** Every position of an integrated bundle holds an event, or the store lost one: the alarm, naming the first. */
    private void requireEvery(List<StoredEvent> events, long first, EntryBundlePath path) {
        for (int i = 0; i < path.width(); i++) {
            if (i >= events.size() || events.get(i).position() != first + i) {
                throw alarm(first + i, "no event is stored at position " + (first + i) + ", which the log integrated "
                        + "(in " + path.path() + "): a commit was deleted");
            }
        }
    }

    /** The stored event at a ledger position (for its payload), if the log holds it. */
    public Optional<StoredEvent> event(long position) {
        if (position < 1 || position > integratedSize()) {
            return Optional.empty();
        }
        return stored.at(position);
    }

    public List<StoredEvent> events(List<Long> positions) {
        return stored.at(positions);
    }

    /** Which of the given aggregates exist in the ledger. */
    public java.util.Set<String> existing(java.util.Collection<String> aggregateIds) {
        return stored.existing(aggregateIds);
    }

    /** The positions of one aggregate's events, in order. */
    public List<Long> positionsOf(String aggregateId) {
        return stored.positionsOf(aggregateId);
    }

    /**
     * The tree's complete nodes up to a size, from the stored tiles. A complete node never changes,
     * whatever the tree's size, so each is computed once (from up to 128 hashes of its tile) and kept:
     * a proof then costs a few cache lookups.
     */
    public NodeReader nodes(long size) {
        NodeReader fromTiles = Tiles.nodeReader(size, tiles);
        return (height, index) -> completeNodes.get(((long) height << 58) | index, key -> fromTiles.hash(height, index));
    }

    /** An inclusion proof of a leaf in a signed checkpoint's tree, verified before it is answered. */
    public List<byte[]> inclusionProof(byte[] leafBytes, long index, LogState.SignedCheckpoint checkpoint) {
        List<byte[]> proof = MerkleProofs.inclusion(index, checkpoint.size(), nodes(checkpoint.size()));
        try {
            MerkleVerifier.verifyInclusion(MerkleHash.leaf(leafBytes), index, checkpoint.size(), proof, checkpoint.root());
        } catch (InvalidProofException e) {
            throw alarm(index + 1, "the inclusion proof of position " + (index + 1) + " in the checkpoint of "
                    + checkpoint.size() + " leaves does not verify: " + e.getMessage());
        }
        return proof;
    }

    /**
     * A consistency proof between two tree sizes, at most the latest checkpoint's, verified against
     * the roots: the signed one for {@code to} and the one the tiles give for {@code from}.
     */
    public List<byte[]> consistencyProof(long from, long to, byte[] toRoot) {
        List<byte[]> proof = MerkleProofs.consistency(from, to, nodes(to));
        if (from > 0) {
            byte[] fromRoot = MerkleProofs.root(from, nodes(from));
            try {
                MerkleVerifier.verifyConsistency(from, to, proof, fromRoot, toRoot);
            } catch (InvalidProofException e) {
                throw alarm(from, "the consistency proof from " + from + " to " + to + " does not verify: " + e.getMessage());
            }
        }
        return proof;
    }

    private LogInconsistentException alarm(long position, String problem) {
        state.raise(new LogState.Alarm(position, problem, java.time.Instant.now(), instanceName));
        return new LogInconsistentException(position, problem);
    }

    /** The stored log contradicts itself: served as an error, never as a proof. */
    public static final class LogInconsistentException extends RuntimeException {
        private final long position;

        LogInconsistentException(long position, String problem) {
            super(problem);
            this.position = position;
        }

        public long position() {
            return position;
        }
    }
}
