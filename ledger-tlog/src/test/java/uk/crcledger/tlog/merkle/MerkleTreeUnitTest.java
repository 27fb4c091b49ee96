package uk.crcledger.tlog.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** CompactRange, MerkleProofs and MerkleVerifier against the literal RFC 9162 reference over random leaves. */
class MerkleTreeUnitTest {

    private static final int MAX_SIZE = 600;
    private static List<byte[]> leafHashes;
    private static NodeStore store;
    private static ReferenceTree reference;
    // Counts the wrong-size checks that applied, so that skipping them all would fail the test.
    private static int wrongSizesRejected;

    @BeforeEach
    void resetCounter() {
        wrongSizesRejected = 0;
    }

    @BeforeAll
    static void buildTree() {
        Random random = new Random(20261204);
        leafHashes = new ArrayList<>();
        for (int i = 0; i < MAX_SIZE; i++) {
            byte[] leaf = new byte[random.nextInt(40)];
            random.nextBytes(leaf);
            leafHashes.add(MerkleHash.leaf(leaf));
        }
        store = NodeStore.withLeaves(leafHashes);
        reference = new ReferenceTree(leafHashes);
    }

    private static List<Integer> sizes() {
        List<Integer> sizes = new ArrayList<>();
        for (int size = 0; size <= 70; size++) {
            sizes.add(size);
        }
        sizes.addAll(List.of(127, 128, 129, 255, 256, 257, 300, 383, 384, 511, 512, 513, 599, 600));
        return sizes;
    }

    @Test
    void hashesFollowRfc9162Prefixes() {
        assertThat(HexFormatHolder.hex(MerkleHash.leaf(new byte[0])))
                .isEqualTo("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
        assertThat(HexFormatHolder.hex(MerkleHash.emptyRoot()))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(MerkleHash.node(leafHashes.get(0), leafHashes.get(1))).isEqualTo(reference.mth(0, 2))
                .isNotEqualTo(MerkleHash.node(leafHashes.get(1), leafHashes.get(0)));
        assertThat(MerkleHash.SIZE).isEqualTo(32);
    }

    @Test
    void compactRangeRootMatchesReferenceAtEverySize() {
        CompactRange range = new CompactRange();
        assertThat(range.root()).isEqualTo(reference.root(0));
        for (int size = 1; size <= MAX_SIZE; size++) {
            range.append(leafHashes.get(size - 1), (h, i, hash) -> { });
            assertThat(range.size()).isEqualTo(size);
            assertThat(range.root()).as("root at size %d", size).isEqualTo(reference.root(size));
            assertThat(range.nodes()).hasSize(Long.bitCount(size));
        }
    }

    @Test
    void compactRangeReportsEachCompleteNodeOnceLowestFirst() {
        CompactRange range = new CompactRange();
        for (int size = 0; size < 300; size++) {
            List<long[]> reported = new ArrayList<>();
            range.append(leafHashes.get(size), (h, i, hash) -> {
                reported.add(new long[] {h, i});
                assertThat(hash).isEqualTo(reference.mth((int) (i << h), (int) ((i + 1) << h)));
            });
            // Leaf n completes one node per trailing one bit of n, after the leaf itself.
            assertThat(reported).hasSize(1 + Long.numberOfTrailingZeros(~(long) size));
            for (int k = 0; k < reported.size(); k++) {
                assertThat(reported.get(k)).containsExactly(k, (long) size >> k);
            }
        }
    }

    @Test
    void compactRangeRestoredFromItsNodesContinuesIdentically() {
        CompactRange range = new CompactRange();
        for (int i = 0; i < 77; i++) {
            range.append(leafHashes.get(i), (h, idx, hash) -> { });
        }
        CompactRange restored = CompactRange.of(range.size(), range.nodes());
        for (int i = 77; i < 200; i++) {
            restored.append(leafHashes.get(i), (h, idx, hash) -> { });
        }
        assertThat(restored.root()).isEqualTo(reference.root(200));
        // nodes() hands out copies: scribbling on them must not change the range.
        range.nodes().get(0)[0] ^= 1;
        assertThat(range.root()).isEqualTo(reference.root(77));

        assertThatThrownBy(() -> CompactRange.of(77, range.nodes().subList(0, 2)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CompactRange.of(-1, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThat(CompactRange.of(0, List.of()).root()).isEqualTo(MerkleHash.emptyRoot());
    }

    @Test
    void rootsFromStoredNodesMatchReference() {
        for (int size : sizes()) {
            assertThat(MerkleProofs.root(size, store.readerFor(size))).as("root at size %d", size)
                    .isEqualTo(reference.root(size));
        }
    }

    @Test
    void inclusionProofsMatchReferenceAndVerify() {
        Random random = new Random(1);
        for (int size : sizes()) {
            if (size == 0) {
                continue;
            }
            byte[] root = reference.root(size);
            List<Integer> indexes = new ArrayList<>(List.of(0, size - 1, size / 2));
            for (int k = 0; k < 10; k++) {
                indexes.add(random.nextInt(size));
            }
            if (size <= 70) {
                indexes.clear();
                for (int i = 0; i < size; i++) {
                    indexes.add(i);
                }
            }
            for (int index : indexes) {
                List<byte[]> proof = MerkleProofs.inclusion(index, size, store.readerFor(size));
                assertThat(proof).as("inclusion of %d in %d", index, size).containsExactlyElementsOf(reference.path(index, size));
                byte[] leaf = leafHashes.get(index);
                assertThatCode(() -> MerkleVerifier.verifyInclusion(leaf, index, size, proof, root)).doesNotThrowAnyException();
                assertThat(MerkleVerifier.rootFromInclusionProof(leaf, index, size, proof)).isEqualTo(root);
                assertInclusionTamperingFails(leaf, index, size, proof, root, random);
            }
        }
        assertThat(wrongSizesRejected).isGreaterThan(1000);
    }

    private static void assertInclusionTamperingFails(byte[] leaf, long index, long size, List<byte[]> proof, byte[] root,
            Random random) {
        for (int k = 0; k < proof.size(); k++) {
            List<byte[]> flipped = copy(proof);
            flipped.get(k)[random.nextInt(MerkleHash.SIZE)] ^= (byte) (1 << random.nextInt(8));
            assertThatThrownBy(() -> MerkleVerifier.verifyInclusion(leaf, index, size, flipped, root))
                    .isInstanceOf(InvalidProofException.class).hasMessageContaining("root mismatch");
        }
        byte[] otherLeaf = leaf.clone();
        otherLeaf[0] ^= 1;
        assertThatThrownBy(() -> MerkleVerifier.verifyInclusion(otherLeaf, index, size, proof, root))
                .isInstanceOf(InvalidProofException.class);
        if (size > 1) {
            long wrongIndex = index == 0 ? 1 : index - 1;
            assertThatThrownBy(() -> MerkleVerifier.verifyInclusion(leaf, wrongIndex, size, proof, root))
                    .isInstanceOf(InvalidProofException.class);
        }
        for (int wrongSize : new int[] {(int) size + 1, (int) size * 2, (int) size - 1, 0}) {
            // A proof only binds the size through its shape: leaf 5 has the same path shape in trees of 7
            // and 8 leaves, and then the proof still leads to the one root it was made for. So a wrong
            // size must fail whenever it implies a different proof length (or puts the index outside).
            if (wrongSize > MAX_SIZE) {
                continue;
            }
            if (wrongSize > index && reference.path((int) index, wrongSize).size() == proof.size()) {
                continue;
            }
            assertThatThrownBy(() -> MerkleVerifier.verifyInclusion(leaf, index, wrongSize, proof, root))
                    .as("size %d instead of %d", wrongSize, size).isInstanceOf(InvalidProofException.class);
            wrongSizesRejected++;
        }
        List<byte[]> longer = copy(proof);
        longer.add(root);
        assertThatThrownBy(() -> MerkleVerifier.verifyInclusion(leaf, index, size, longer, root))
                .isInstanceOf(InvalidProofException.class).hasMessageContaining("wrong proof length");
    }

    @Test
    void consistencyProofsMatchReferenceAndVerify() {
        Random random = new Random(2);
        List<int[]> pairs = new ArrayList<>();
        for (int to = 0; to <= 70; to++) {
            for (int from = 0; from <= to; from++) {
                pairs.add(new int[] {from, to});
            }
        }
        for (int to : List.of(255, 256, 257, 511, 512, 513, 600)) {
            for (int from : List.of(1, 2, 7, 128, 255, 256, 257, to - 1, to)) {
                if (from <= to) {
                    pairs.add(new int[] {from, to});
                }
            }
            for (int k = 0; k < 20; k++) {
                pairs.add(new int[] {random.nextInt(to + 1), to});
            }
        }
        for (int[] pair : pairs) {
            int from = pair[0];
            int to = pair[1];
            List<byte[]> proof = MerkleProofs.consistency(from, to, store.readerFor(to));
            assertThat(proof).as("consistency %d -> %d", from, to).containsExactlyElementsOf(reference.proof(from, to));
            byte[] fromRoot = reference.root(from);
            byte[] toRoot = reference.root(to);
            assertThatCode(() -> MerkleVerifier.verifyConsistency(from, to, proof, fromRoot, toRoot))
                    .as("consistency %d -> %d", from, to).doesNotThrowAnyException();
            assertConsistencyTamperingFails(from, to, proof, fromRoot, toRoot, random);
        }
        assertThat(wrongSizesRejected).isGreaterThan(1000);
    }

    private static void assertConsistencyTamperingFails(long from, long to, List<byte[]> proof, byte[] fromRoot,
            byte[] toRoot, Random random) {
        for (int k = 0; k < proof.size(); k++) {
            List<byte[]> flipped = copy(proof);
            flipped.get(k)[random.nextInt(MerkleHash.SIZE)] ^= (byte) (1 << random.nextInt(8));
            assertThatThrownBy(() -> MerkleVerifier.verifyConsistency(from, to, flipped, fromRoot, toRoot))
                    .as("flipped hash %d of consistency %d -> %d", k, from, to)
                    .isInstanceOf(InvalidProofException.class).hasMessageContaining("root mismatch");
        }
        byte[] otherRoot = toRoot.clone();
        otherRoot[31] ^= 1;
        // Every tree extends the empty tree, whatever its root: only from > 0 binds the new root.
        if (from > 0) {
            assertThatThrownBy(() -> MerkleVerifier.verifyConsistency(from, to, proof, fromRoot, otherRoot))
                    .isInstanceOf(InvalidProofException.class);
        }
        // As with inclusion, a wrong size is only detectable when it changes the proof's shape.
        for (int[] wrong : new int[][] {{(int) from, (int) to + 1}, {(int) from - 1, (int) to}, {(int) from + 1, (int) to}}) {
            if (wrong[0] <= 0 || wrong[0] >= wrong[1] || from == to || wrong[1] > MAX_SIZE
                    || reference.proof(wrong[0], wrong[1]).size() == proof.size()) {
                continue;
            }
            assertThatThrownBy(() -> MerkleVerifier.verifyConsistency(wrong[0], wrong[1], proof, fromRoot, toRoot))
                    .as("sizes %d -> %d instead of %d -> %d", wrong[0], wrong[1], from, to)
                    .isInstanceOf(InvalidProofException.class);
            wrongSizesRejected++;
        }
        assertThatThrownBy(() -> MerkleVerifier.verifyConsistency(to + 1, to, proof, fromRoot, toRoot))
                .isInstanceOf(InvalidProofException.class);
    }

    @Test
    void consistencyFromTheEmptyTreeIsEmptyAndNeedsTheEmptyRoot() {
        assertThat(MerkleProofs.consistency(0, 5, store.readerFor(5))).isEmpty();
        assertThat(MerkleProofs.consistency(5, 5, store.readerFor(5))).isEmpty();
        assertThatCode(() -> MerkleVerifier.verifyConsistency(0, 5, List.of(), MerkleHash.emptyRoot(), reference.root(5)))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> MerkleVerifier.verifyConsistency(0, 5, List.of(), reference.root(1), reference.root(5)))
                .isInstanceOf(InvalidProofException.class).hasMessageContaining("empty root");
        assertThatThrownBy(() -> MerkleVerifier.verifyConsistency(0, 5, List.of(reference.root(1)), MerkleHash.emptyRoot(),
                reference.root(5))).isInstanceOf(InvalidProofException.class).hasMessageContaining("wrong proof length");
        assertThatThrownBy(() -> MerkleVerifier.verifyConsistency(5, 5, List.of(), reference.root(5), reference.root(4)))
                .isInstanceOf(InvalidProofException.class);
    }

    @Test
    void proofsRejectImpossibleArguments() {
        NodeReader reader = store.readerFor(10);
        assertThatThrownBy(() -> MerkleProofs.inclusion(10, 10, reader)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MerkleProofs.inclusion(0, 0, reader)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MerkleProofs.inclusion(-1, 10, reader)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MerkleProofs.consistency(6, 5, reader)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MerkleProofs.consistency(-1, 5, reader)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MerkleProofs.root(-1, reader)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MerkleVerifier.rootFromInclusionProof(leafHashes.get(0), 5, 5, List.of()))
                .isInstanceOf(InvalidProofException.class).hasMessageContaining("index out of range");
        assertThatThrownBy(() -> MerkleVerifier.verifyInclusion(leafHashes.get(0), -1, 5, List.of(), reference.root(5)))
                .isInstanceOf(InvalidProofException.class).hasMessageContaining("index out of range");
    }

    private static List<byte[]> copy(List<byte[]> proof) {
        List<byte[]> copy = new ArrayList<>();
        proof.forEach(hash -> copy.add(hash.clone()));
        return copy;
    }

    private static final class HexFormatHolder {
        static String hex(byte[] bytes) {
            return java.util.HexFormat.of().formatHex(bytes);
        }
    }
}
