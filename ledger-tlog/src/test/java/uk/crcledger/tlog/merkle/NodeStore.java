package uk.crcledger.tlog.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every complete node a CompactRange reported, and a reader over them that fails the test when asked
 * for a node that is not complete in the tree of the size being read.
 */
final class NodeStore implements NodeSink {

    private record Key(int height, long index) {
    }

    private final Map<Key, byte[]> nodes = new HashMap<>();
    final List<byte[]> leafHashes = new ArrayList<>();
    final CompactRange range = new CompactRange();

    static NodeStore withLeaves(List<byte[]> leafHashes) {
        NodeStore store = new NodeStore();
        leafHashes.forEach(store::append);
        return store;
    }

    void append(byte[] leafHash) {
        leafHashes.add(leafHash);
        range.append(leafHash, this);
    }

    @Override
    public void completed(int height, long index, byte[] hash) {
        assertThat(nodes.put(new Key(height, index), hash)).as("node %d/%d reported twice", height, index).isNull();
    }

    byte[] get(int height, long index) {
        return nodes.get(new Key(height, index));
    }

    /** A reader for the tree of the given size, refusing nodes that are not complete in it. */
    NodeReader readerFor(long size) {
        return (height, index) -> {
            assertThat((index + 1) << height).as("node %d/%d lies inside the tree of size %d", height, index, size)
                    .isLessThanOrEqualTo(size);
            byte[] hash = nodes.get(new Key(height, index));
            assertThat(hash).as("node %d/%d", height, index).isNotNull();
            return hash;
        };
    }
}
