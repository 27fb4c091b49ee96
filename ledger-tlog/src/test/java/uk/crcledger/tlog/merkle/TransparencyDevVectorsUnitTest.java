package uk.crcledger.tlog.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The RFC 6962 / 9162 vectors published by transparency-dev/merkle (vendored under
 * src/test/resources/merkle/transparency-dev, see its README): roots and node hashes of an 8-leaf tree,
 * and inclusion and consistency proofs with the corruptions a verifier must reject.
 */
class TransparencyDevVectorsUnitTest {

    private static final String ROOT = "/merkle/transparency-dev/";
    private static final HexFormat HEX = HexFormat.of();

    @SuppressWarnings("unchecked")
    private static Map<String, Object> constants() throws Exception {
        return (Map<String, Object>) readJson(resource("testonly/constants.json"));
    }

    @SuppressWarnings("unchecked")
    private static List<byte[]> hexList(Object list) {
        return ((List<String>) list).stream().map(HEX::parseHex).toList();
    }

    private static List<byte[]> leafHashes() throws Exception {
        return hexList(constants().get("leafInputs")).stream().map(MerkleHash::leaf).toList();
    }

    @Test
    void emptyRootIsSha256OfNothing() throws Exception {
        List<byte[]> roots = hexList(constants().get("rootHashes"));
        assertThat(MerkleHash.emptyRoot()).isEqualTo(roots.get(0));
        assertThat(new CompactRange().root()).isEqualTo(roots.get(0));
        assertThat(MerkleProofs.root(0, (h, i) -> {
            throw new AssertionError("the empty tree has no nodes");
        })).isEqualTo(roots.get(0));
    }

    @Test
    void compactRangeAndProofsReproduceEveryRootAndNode() throws Exception {
        Map<String, Object> constants = constants();
        List<byte[]> roots = hexList(constants.get("rootHashes"));
        @SuppressWarnings("unchecked")
        List<Object> levels = (List<Object>) constants.get("nodeHashes");

        NodeStore store = new NodeStore();
        List<byte[]> leafHashes = leafHashes();
        for (int size = 1; size <= leafHashes.size(); size++) {
            store.append(leafHashes.get(size - 1));
            assertThat(store.range.root()).as("compact range root at size %d", size).isEqualTo(roots.get(size));
            assertThat(MerkleProofs.root(size, store.readerFor(size))).as("root at size %d", size).isEqualTo(roots.get(size));
            assertThat(new ReferenceTree(leafHashes).root(size)).isEqualTo(roots.get(size));
        }
        for (int height = 0; height < levels.size(); height++) {
            List<byte[]> level = hexList(levels.get(height));
            for (int index = 0; index < level.size(); index++) {
                assertThat(store.get(height, index)).as("node %d/%d", height, index).isEqualTo(level.get(index));
            }
        }
    }

    @Test
    void compactRangeNodesMatchTheCompactTrees() throws Exception {
        @SuppressWarnings("unchecked")
        List<Object> levels = (List<Object>) constants().get("nodeHashes");
        List<byte[]> leafHashes = leafHashes();
        // CompactTrees() of constants.go: {nh[2][0], nh[1][2], nh[0][6]} for size 7, and so on.
        CompactRange range = new CompactRange();
        for (int i = 0; i < 7; i++) {
            range.append(leafHashes.get(i), (h, idx, hash) -> { });
        }
        assertThat(range.nodes()).containsExactly(hexList(levels.get(2)).get(0), hexList(levels.get(1)).get(2),
                hexList(levels.get(0)).get(6));
    }

    static Stream<Path> inclusionVectors() throws Exception {
        return vectorFiles("testdata/inclusion");
    }

    static Stream<Path> consistencyVectors() throws Exception {
        return vectorFiles("testdata/consistency");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inclusionVectors")
    void inclusionVector(Path file) throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> vector = (Map<String, Object>) readJson(file);
        long index = ((BigInteger) vector.get("leafIdx")).longValue(); // 2^64-1 becomes -1: out of range either way
        long size = ((BigInteger) vector.get("treeSize")).longValue();
        byte[] root = base64(vector.get("root"));
        byte[] leafHash = base64(vector.get("leafHash"));
        List<byte[]> proof = base64List(vector.get("proof"));

        if ((Boolean) vector.get("wantErr")) {
            assertThatThrownBy(() -> MerkleVerifier.verifyInclusion(leafHash, index, size, proof, root))
                    .isInstanceOf(InvalidProofException.class);
        } else {
            assertThatCode(() -> MerkleVerifier.verifyInclusion(leafHash, index, size, proof, root)).doesNotThrowAnyException();
            if (size <= 8 && Arrays.equals(leafHashes().get((int) index), leafHash)) {
                NodeStore store = NodeStore.withLeaves(leafHashes().subList(0, (int) size));
                assertThat(MerkleProofs.inclusion(index, size, store.readerFor(size))).containsExactlyElementsOf(proof);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("consistencyVectors")
    void consistencyVector(Path file) throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> vector = (Map<String, Object>) readJson(file);
        long from = ((BigInteger) vector.get("size1")).longValue();
        long to = ((BigInteger) vector.get("size2")).longValue();
        byte[] fromRoot = base64(vector.get("root1"));
        byte[] toRoot = base64(vector.get("root2"));
        List<byte[]> proof = base64List(vector.get("proof"));

        if (file.endsWith(Path.of("additional", "sizes-are-equal-one-and-proof-is-empty.json"))) {
            // Deliberately stricter than upstream, which accepts any two equal byte strings as roots of
            // equal-size trees: this vector's "roots" are 12 bytes, which cannot be a SHA-256 tree head.
            assertThatThrownBy(() -> MerkleVerifier.verifyConsistency(from, to, proof, fromRoot, toRoot))
                    .isInstanceOf(InvalidProofException.class).hasMessageContaining("must have 32 bytes");
            return;
        }
        if ((Boolean) vector.get("wantErr")) {
            assertThatThrownBy(() -> MerkleVerifier.verifyConsistency(from, to, proof, fromRoot, toRoot))
                    .isInstanceOf(InvalidProofException.class);
        } else {
            assertThatCode(() -> MerkleVerifier.verifyConsistency(from, to, proof, fromRoot, toRoot))
                    .doesNotThrowAnyException();
            List<byte[]> roots = hexList(constants().get("rootHashes"));
            if (to <= 8 && Arrays.equals(roots.get((int) to), toRoot)) {
                NodeStore store = NodeStore.withLeaves(leafHashes().subList(0, (int) to));
                assertThat(MerkleProofs.consistency(from, to, store.readerFor(to))).containsExactlyElementsOf(proof);
            }
        }
    }

    @Test
    void happyPathProofsAreRegeneratedFromTheLeaves() throws Exception {
        // The happy paths of directories 1..4 are proofs over the 8 leaves of constants.go; make sure the
        // comparison above ran for them and did not silently skip.
        int regenerated = 0;
        for (String kind : List.of("inclusion", "consistency")) {
            for (int dir = 1; dir <= 4; dir++) {
                @SuppressWarnings("unchecked")
                Map<String, Object> vector = (Map<String, Object>) readJson(
                        resource("testdata/" + kind + "/" + dir + "/happy-path.json"));
                List<byte[]> proof = base64List(vector.get("proof"));
                List<byte[]> generated;
                if (kind.equals("inclusion")) {
                    long index = ((BigInteger) vector.get("leafIdx")).longValue();
                    long size = ((BigInteger) vector.get("treeSize")).longValue();
                    assertThat(base64(vector.get("leafHash"))).isEqualTo(leafHashes().get((int) index));
                    generated = MerkleProofs.inclusion(index, size,
                            NodeStore.withLeaves(leafHashes().subList(0, (int) size)).readerFor(size));
                } else {
                    long from = ((BigInteger) vector.get("size1")).longValue();
                    long to = ((BigInteger) vector.get("size2")).longValue();
                    generated = MerkleProofs.consistency(from, to,
                            NodeStore.withLeaves(leafHashes().subList(0, (int) to)).readerFor(to));
                }
                assertThat(generated).as("%s/%d", kind, dir).containsExactlyElementsOf(proof);
                regenerated++;
            }
        }
        assertThat(regenerated).isEqualTo(8);
    }

    private static Stream<Path> vectorFiles(String directory) throws Exception {
        Path root = resource(directory);
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> list = new ArrayList<>(files.filter(p -> p.toString().endsWith(".json")).sorted().toList());
            assertThat(list).as("vector files under %s", directory).hasSizeGreaterThan(50);
            return list.stream();
        }
    }

    private static Path resource(String relative) throws URISyntaxException {
        var url = TransparencyDevVectorsUnitTest.class.getResource(ROOT + relative);
        assertThat(url).as("resource %s", relative).isNotNull();
        return Path.of(url.toURI());
    }

    private static Object readJson(Path file) throws IOException {
        return MiniJson.parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    private static byte[] base64(Object value) {
        return Base64.getDecoder().decode((String) value);
    }

    @SuppressWarnings("unchecked")
    private static List<byte[]> base64List(Object value) {
        if (value == null) {
            return List.of();
        }
        return ((List<Object>) value).stream().map(TransparencyDevVectorsUnitTest::base64).toList();
    }
}
