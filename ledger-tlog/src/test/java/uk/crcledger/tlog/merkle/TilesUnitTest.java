package uk.crcledger.tlog.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tiles of c2sp.org/tlog-tiles: paths, which tiles a tree size has, and proofs read through tiles. */
class TilesUnitTest {

    private static final int LEAVES = 70_000;
    private static NodeStore store;
    // Tile hashes as an integrator would write them: every completed node whose height is a multiple of 8.
    private static final Map<HashTilePath, byte[]> tiles = new HashMap<>();

    @BeforeAll
    static void buildTree() {
        Random random = new Random(70_000);
        store = new NodeStore();
        NodeSink tileWriter = (height, index, hash) -> {
            if (height % Tiles.HEIGHT == 0) {
                HashTilePath tile = new HashTilePath(height / Tiles.HEIGHT, index >>> 8, Tiles.WIDTH);
                byte[] bytes = tiles.computeIfAbsent(tile, t -> new byte[Tiles.WIDTH * MerkleHash.SIZE]);
                System.arraycopy(hash, 0, bytes, (int) (index & 0xFF) * MerkleHash.SIZE, MerkleHash.SIZE);
            }
        };
        for (int i = 0; i < LEAVES; i++) {
            byte[] leaf = new byte[8];
            random.nextBytes(leaf);
            byte[] leafHash = MerkleHash.leaf(leaf);
            store.leafHashes.add(leafHash);
            store.range.append(leafHash, (h, idx, hash) -> {
                store.completed(h, idx, hash);
                tileWriter.completed(h, idx, hash);
            });
        }
    }

    /** A tile server for one tree size: it only has the tiles that size publishes, each exactly as wide. */
    private static final class TileServer implements Tiles.TileSource {
        final Set<HashTilePath> published;
        final List<HashTilePath> requests = new ArrayList<>();

        TileServer(long treeSize) {
            published = new HashSet<>(Tiles.hashTilesFor(treeSize));
        }

        @Override
        public byte[] tile(int level, long index, int width) {
            HashTilePath path = new HashTilePath(level, index, width);
            requests.add(path);
            assertThat(published).as("tiles published for this size").contains(path);
            byte[] full = tiles.get(new HashTilePath(level, index, Tiles.WIDTH));
            return Arrays.copyOf(full, width * MerkleHash.SIZE);
        }
    }

    private static List<Long> sizes() {
        List<Long> sizes = new ArrayList<>(List.of(1L, 2L, 3L, 255L, 256L, 257L, 511L, 512L, 513L, 4096L, 65535L, 65536L,
                65537L, 65792L, 69999L, (long) LEAVES));
        Random random = new Random(3);
        for (int k = 0; k < 20; k++) {
            sizes.add(1L + random.nextInt(LEAVES));
        }
        return sizes;
    }

    @Test
    void rootsAndProofsThroughTilesEqualThoseFromAllNodes() {
        Random random = new Random(4);
        for (long size : sizes()) {
            TileServer server = new TileServer(size);
            NodeReader throughTiles = Tiles.nodeReader(size, server);
            NodeReader allNodes = store.readerFor(size);

            assertThat(MerkleProofs.root(size, throughTiles)).as("root at %d", size).isEqualTo(store.range.size() == size
                    ? store.range.root() : MerkleProofs.root(size, allNodes));
            List<Long> indexes = new ArrayList<>(List.of(0L, size - 1, size / 2));
            for (int k = 0; k < 5; k++) {
                indexes.add((long) random.nextInt((int) size));
            }
            for (long index : indexes) {
                assertThat(MerkleProofs.inclusion(index, size, throughTiles)).as("inclusion of %d in %d", index, size)
                        .containsExactlyElementsOf(MerkleProofs.inclusion(index, size, allNodes));
            }
            for (long from : List.of(1L, size / 3, size - 1, (long) random.nextInt((int) size) + 1)) {
                if (from >= 1 && from <= size) {
                    assertThat(MerkleProofs.consistency(from, size, throughTiles)).as("consistency %d -> %d", from, size)
                            .containsExactlyElementsOf(MerkleProofs.consistency(from, size, allNodes));
                }
            }
            assertThat(server.requests).isNotEmpty();
        }
    }

    @Test
    void tilesAgreeWithTheLiteralReferenceAtSomeSizes() {
        ReferenceTree reference = new ReferenceTree(store.leafHashes);
        for (int size : new int[] {1, 255, 256, 257, 65536, 65537, LEAVES}) {
            NodeReader throughTiles = Tiles.nodeReader(size, new TileServer(size));
            assertThat(MerkleProofs.root(size, throughTiles)).as("root at %d", size).isEqualTo(reference.root(size));
            int index = size * 2 / 3;
            assertThat(MerkleProofs.inclusion(index, size, throughTiles)).containsExactlyElementsOf(reference.path(index, size));
            if (size > 1) {
                assertThat(MerkleProofs.consistency(size / 2, size, throughTiles))
                        .containsExactlyElementsOf(reference.proof(size / 2, size));
            }
        }
    }

    @Test
    void nodeReaderRefusesNodesOutsideTheTree() {
        NodeReader reader = Tiles.nodeReader(300, new TileServer(300));
        assertThat(reader.hash(8, 0)).isEqualTo(store.get(8, 0));
        assertThat(reader.hash(0, 299)).isEqualTo(store.leafHashes.get(299));
        assertThat(reader.hash(5, 8)).isEqualTo(store.get(5, 8)); // leaves 256..287 of the partial tile
        assertThatThrownBy(() -> reader.hash(0, 300)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> reader.hash(8, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> reader.hash(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        NodeReader shortTiles = Tiles.nodeReader(300, (level, index, width) -> new byte[MerkleHash.SIZE]);
        assertThatThrownBy(() -> shortTiles.hash(0, 299)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void tilesForATreeSizeAreThoseTheSpecDescribes() {
        // The spec's example: 70,000 leaves are 273 full level 0 tiles, one partial of width 112, one
        // full level 1 tile, one partial level 1 tile of width 17 and one partial level 2 tile of width 1.
        List<HashTilePath> tilesFor70000 = Tiles.hashTilesFor(70_000);
        assertThat(tilesFor70000).hasSize(273 + 1 + 1 + 1 + 1);
        assertThat(tilesFor70000.stream().filter(t -> t.level() == 0 && t.width() == 256)).hasSize(273);
        assertThat(tilesFor70000).contains(new HashTilePath(0, 273, 112), new HashTilePath(1, 0, 256),
                new HashTilePath(1, 1, 17), new HashTilePath(2, 0, 1));
        assertThat(tilesFor70000.stream().filter(t -> t.level() > 2)).isEmpty();
        // "a tree of size 256 will be represented by a full level 0 tile and a partial level 1 tile of width 1"
        assertThat(Tiles.hashTilesFor(256)).containsExactly(new HashTilePath(0, 0, 256), new HashTilePath(1, 0, 1));
        assertThat(Tiles.hashTilesFor(0)).isEmpty();
        assertThat(Tiles.hashTilesFor(1)).containsExactly(new HashTilePath(0, 0, 1));
        assertThat(Tiles.hashTilesFor(Long.MAX_VALUE >>> 40)).last().isEqualTo(new HashTilePath(2, 0, 127));

        List<EntryBundlePath> bundles = Tiles.entryBundlesFor(70_000);
        assertThat(bundles).hasSize(274);
        assertThat(bundles.get(273)).isEqualTo(new EntryBundlePath(273, 112));
        assertThat(Tiles.entryBundlesFor(512)).containsExactly(new EntryBundlePath(0, 256), new EntryBundlePath(1, 256));
        assertThat(Tiles.entryBundlesFor(0)).isEmpty();
        assertThatThrownBy(() -> Tiles.hashTilesFor(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pathsUseTheSpecsIndexEncoding() {
        assertThat(new HashTilePath(0, 1_234_067, 256).path()).isEqualTo("tile/0/x001/x234/067");
        assertThat(new HashTilePath(0, 1234, 5).path()).isEqualTo("tile/0/x001/234.p/5");
        assertThat(new EntryBundlePath(1234, 256).path()).isEqualTo("tile/entries/x001/234");
        assertThat(new EntryBundlePath(1234, 255).path()).isEqualTo("tile/entries/x001/234.p/255");
        assertThat(new HashTilePath(63, 0, 1).path()).isEqualTo("tile/63/000.p/1");
        assertThat(new HashTilePath(1, 999, 256).path()).isEqualTo("tile/1/999");
        assertThat(new HashTilePath(1, 1000, 256).path()).isEqualTo("tile/1/x001/000");
        assertThat(new HashTilePath(2, 5, 256).path()).isEqualTo("tile/2/005");
        assertThat(new EntryBundlePath(Long.MAX_VALUE, 256).path()).isEqualTo("tile/entries/x009/x223/x372/x036/x854/x775/807");
        assertThatThrownBy(() -> new HashTilePath(64, 0, 256)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HashTilePath(0, -1, 256)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HashTilePath(0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EntryBundlePath(0, 257)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tile/0/x001/x234/067", "tile/0/x001/234.p/5", "tile/entries/x001/234",
        "tile/entries/000.p/1", "tile/63/000", "tile/10/x999/999.p/255", "tile/entries/x009/x223/x372/x036/x854/x775/807",
        "tile/0/001", "tile/1/x001/000"})
    void parseAcceptsCanonicalPathsAndRoundTrips(String path) {
        Optional<TilePath> parsed = TilePath.parse(path);
        assertThat(parsed).isPresent();
        assertThat(parsed.get().path()).isEqualTo(path);
    }

    @Test
    void parseGivesTheRecords() {
        assertThat(TilePath.parse("tile/0/x001/x234/067")).contains(new HashTilePath(0, 1_234_067, 256));
        assertThat(TilePath.parse("tile/3/x001/234.p/5")).contains(new HashTilePath(3, 1234, 5));
        assertThat(TilePath.parse("tile/entries/x001/234")).contains(new EntryBundlePath(1234, 256));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "tile", "tile/", "tile/0", "tile/0/", "tile/0/1", "tile/0/01", "tile/0/0001",
        "tile/00/000", "tile/01/000", "tile/64/000", "tile/100/000", "tile/-1/000", "tile/0/-01", "tile/0/x000/001",
        "tile/0/001/234", "tile/0/x1/234", "tile/0/x001/x234", "tile/0/X001/234", "tile/0/x001//234", "tile/0//000",
        "tile/0/000.p/0", "tile/0/000.p/256", "tile/0/000.p/300", "tile/0/000.p/05", "tile/0/000.p/", "tile/0/000.p",
        "tile/0/000.p/5/", "tile/0/000/", "/tile/0/000", "tile/0/000 ", " tile/0/000", "tile/entries/x01/000",
        "tile/entry/000", "tile/entries/000.p/256", "tile/data/000", "tile/0/x009/x223/x372/x036/x854/x775/808",
        "tile/0/x999/x999/x999/x999/x999/x999/x999/999", "tile/0/abc", "tile/٠/000", "tile/0/٠٠٠", "tiles/0/000",
        "tile/0/000.P/5", "tile/0/000.p/+5", "tile/+1/000"})
    void parseRejectsEverythingElse(String path) {
        assertThat(TilePath.parse(path)).isEmpty();
    }

    @Test
    void parseRejectsNull() {
        assertThat(TilePath.parse(null)).isEmpty();
    }
}
