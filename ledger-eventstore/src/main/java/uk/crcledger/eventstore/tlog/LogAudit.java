package uk.crcledger.eventstore.tlog;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.crcledger.eventstore.StoredEvent;
import uk.crcledger.eventstore.StoredEvents;
import uk.crcledger.tlog.merkle.CompactRange;
import uk.crcledger.tlog.merkle.MerkleHash;
import uk.crcledger.tlog.merkle.Tiles;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Re-checks stored events against the log: every integrated position still holds an event whose
 * leaf is the one the tree was built from (its hash in the level-0 tile), naming that position and
 * that event, with the payload whose SHA-256 it holds. Editing a payload, deleting a commit or
 * moving one is found here; the first finding raises the alarm, which stops checkpoint signing.
 * Nothing is repaired: the stored events are evidence.
 */
public final class LogAudit {

    private static final Logger log = LoggerFactory.getLogger(LogAudit.class);

    /** What one check covered and what it found. */
    public record Result(long from, long to, long checked, Optional<LogState.Alarm> problem) {
    }

    private final StoredEvents stored;
    private final TileStore tiles;
    private final LogState state;
    private final String instanceName;
    private final Clock clock;
    private long sweepNext = 1;

    public LogAudit(StoredEvents stored, TileStore tiles, LogState state, String instanceName, Clock clock) {
        this.stored = stored;
        this.tiles = tiles;
        this.state = state;
        this.instanceName = instanceName;
        this.clock = clock;
    }

    /** Checks the whole integrated ledger. */
    public Result checkAll() {
        return check(1, state.tree().size());
    }

    /**
     * Checks the next {@code count} integrated positions after the last sweep, starting over at the
     * beginning once the end is reached: the slow background pass over the whole ledger.
     */
    public synchronized Result sweep(int count) {
        long size = state.tree().size();
        if (sweepNext > size) {
            sweepNext = 1;
        }
        if (size == 0) {
            return new Result(1, 0, 0, Optional.empty());
        }
        long to = Math.min(size, sweepNext + count - 1);
        Result result = check(sweepNext, to);
        sweepNext = to + 1;
        return result;
    }

    /**
     * Checks positions {@code from} to {@code to}, both included (up to the integrated size). From
     * the first position, it also rebuilds the tree from the stored leaves and checks it against the
     * latest signed checkpoint's root: a leaf edited together with its tile is found there.
     */
    public Result check(long from, long to) {
        Optional<LogState.SignedCheckpoint> signed = from == 1 ? state.latest().filter(c -> c.size() <= to) : Optional.empty();
        CompactRange tree = signed.isPresent() ? new CompactRange() : null;
        long checked = 0;
        long position = from;
        byte[] tile = null;
        long tileIndex = -1;
        while (position <= to) {
            int chunk = (int) Math.min(4096, to - position + 1);
            List<StoredEvent> events = stored.from(position, chunk, false);
            for (StoredEvent event : events) {
                if (event.position() != position) {
                    return found(from, to, checked, position, "no event is stored at position " + position
                            + " (the next stored is at " + event.position() + "): a commit was deleted");
                }
                Optional<String> problem = LeafCheck.problem(event);
                if (problem.isPresent()) {
                    return found(from, to, checked, position, problem.get());
                }
                long leafIndex = position - 1;
                if (leafIndex / Tiles.WIDTH != tileIndex) {
                    tileIndex = leafIndex / Tiles.WIDTH;
                    tile = tiles.stored(0, tileIndex);
                }
                int offset = (int) (leafIndex % Tiles.WIDTH) * MerkleHash.SIZE;
                if (tile.length < offset + MerkleHash.SIZE) {
                    return found(from, to, checked, position, "the log's tile holds no hash for position " + position);
                }
                byte[] expected = Arrays.copyOfRange(tile, offset, offset + MerkleHash.SIZE);
                if (!Arrays.equals(expected, MerkleHash.leaf(event.leafBytes()))) {
                    return found(from, to, checked, position, "the leaf stored at position " + position
                            + " is not the leaf the log integrated there: it was changed after it was recorded");
                }
                if (tree != null) {
                    tree.append(MerkleHash.leaf(event.leafBytes()), (height, index, hash) -> { });
                    if (tree.size() == signed.get().size() && !Arrays.equals(tree.root(), signed.get().root())) {
                        return found(from, to, checked, position, "the stored leaves up to position " + position
                                + " do not give the root of the checkpoint signed at that size: the log was rewritten");
                    }
                }
                checked++;
                position++;
            }
            if (events.size() < chunk) {
                return found(from, to, checked, position, "no event is stored at position " + position
                        + ", which the log integrated: a commit was deleted");
            }
        }
        return new Result(from, to, checked, Optional.empty());
    }

    private Result found(long from, long to, long checked, long position, String problem) {
        LogState.Alarm alarm = new LogState.Alarm(position, problem, clock.instant(), instanceName);
        log.error("TRANSPARENCY LOG ALARM at ledger position {}: {}. Checkpoint signing stops; nothing is repaired "
                + "automatically.", position, problem);
        state.raise(alarm);
        return new Result(from, to, checked, Optional.of(alarm));
    }
}
