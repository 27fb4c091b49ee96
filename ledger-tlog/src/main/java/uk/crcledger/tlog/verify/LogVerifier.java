package uk.crcledger.tlog.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import uk.crcledger.tlog.leaf.LedgerLeaf;
import uk.crcledger.tlog.merkle.CompactRange;
import uk.crcledger.tlog.merkle.EntryBundlePath;
import uk.crcledger.tlog.merkle.HashTilePath;
import uk.crcledger.tlog.merkle.InvalidProofException;
import uk.crcledger.tlog.merkle.MerkleHash;
import uk.crcledger.tlog.merkle.MerkleVerifier;
import uk.crcledger.tlog.merkle.NodeSink;
import uk.crcledger.tlog.merkle.Tiles;
import uk.crcledger.tlog.note.Checkpoint;
import uk.crcledger.tlog.note.SignedNote;
import uk.crcledger.tlog.note.VerifierKey;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Checks a whole log against a checkpoint signed by a key the caller trusts, trusting nothing else
 * the server says: every leaf is read from the entry bundles, must be the canonical leaf of its own
 * position, must hash to the hash tile's entry and must commit to its payload's SHA-256; every
 * higher tile entry must be the subtree root the leaves give; and the leaves must give the signed
 * root. With a saved checkpoint, the new one must extend it (the root at the old size, recomputed
 * from the leaves, and the server's consistency proof).
 *
 * <p>Bundles are fetched several at a time and checked on worker threads; only appending the leaf
 * hashes to the tree is sequential, in position order, so the first bad position is the one named.
 */
final class LogVerifier {

    /** What was verified. */
    record Outcome(String origin, long size, byte[] root, long leaves, long payloads, long withheld) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long PROGRESS_EVERY_NANOS = 2_000_000_000L;

    private final LogClient client;
    private final VerifierKey key;
    private final StateFile state;
    private final int parallel;
    private final Executor workers;
    private final PrintStream out;
    private final PrintStream err;

    LogVerifier(LogClient client, VerifierKey key, StateFile state, int parallel, Executor workers,
                PrintStream out, PrintStream err) {
        this.client = client;
        this.key = key;
        this.state = state;
        this.parallel = parallel;
        this.workers = workers;
        this.out = out;
        this.err = err;
    }

    Outcome verify() {
        String note = new String(client.get("checkpoint").orElseThrow(() -> new FetchException(
                "the server has no checkpoint at " + client.url("checkpoint") + " (HTTP 404): an empty log, or not a log")),
                StandardCharsets.UTF_8);
        Checkpoint checkpoint = verifiedCheckpoint(note, "the checkpoint");
        out.println("Checkpoint: origin " + checkpoint.origin() + ", size " + checkpoint.size() + ", root "
                + b64(checkpoint.rootHash()));
        if (!checkpoint.origin().equals(key.name())) {
            err.println("verify: note: the origin '" + checkpoint.origin() + "' is not the key's name '" + key.name() + "'");
        }

        Checkpoint saved = savedCheckpoint(checkpoint);
        long oldSize = saved == null ? -1 : saved.size();

        Stream stream = new Stream(checkpoint.size(), oldSize);
        byte[] root = stream.run();
        if (!MessageDigest.isEqual(root, checkpoint.rootHash())) {
            throw VerificationFailure.general("root mismatch: the " + checkpoint.size() + " leaves give root " + b64(root)
                    + ", the signed checkpoint says " + b64(checkpoint.rootHash()));
        }
        if (saved != null && !MessageDigest.isEqual(stream.oldRoot, saved.rootHash())) {
            throw VerificationFailure.general("inconsistent with saved state: the first " + saved.size()
                    + " leaves give root " + b64(stream.oldRoot) + ", the saved checkpoint says " + b64(saved.rootHash()));
        }
        if (state != null) {
            state.write(note);
            err.println("verify: saved the checkpoint of size " + checkpoint.size() + " to " + state.path());
        }
        return new Outcome(checkpoint.origin(), checkpoint.size(), checkpoint.rootHash(), stream.leaves,
                stream.payloads, stream.withheld);
    }

    private Checkpoint verifiedCheckpoint(String note, String what) {
        SignedNote signed;
        try {
            signed = SignedNote.parse(note);
        } catch (IllegalArgumentException e) {
            throw VerificationFailure.general("bad signature: " + what + " is not a signed note (" + e.getMessage() + ")");
        }
        if (!signed.verify(key)) {
            throw VerificationFailure.general("bad signature: " + what + " carries no valid signature by the key "
                    + key.encoded());
        }
        try {
            return Checkpoint.parse(signed.text());
        } catch (IllegalArgumentException e) {
            throw VerificationFailure.general(what + " is signed but is not a checkpoint: " + e.getMessage());
        }
    }

    /** The saved checkpoint, checked against the key and the new checkpoint (with the server's consistency proof), or null. */
    private Checkpoint savedCheckpoint(Checkpoint checkpoint) {
        if (state == null) {
            return null;
        }
        Optional<String> text = state.read();
        if (text.isEmpty()) {
            out.println("State: " + state.path() + " does not exist yet; it will hold this checkpoint");
            return null;
        }
        Checkpoint saved;
        try {
            saved = verifiedCheckpoint(text.get(), "the checkpoint saved in " + state.path());
        } catch (VerificationFailure e) {
            throw VerificationFailure.general("inconsistent with saved state: " + e.getMessage());
        }
        if (!saved.origin().equals(checkpoint.origin())) {
            throw VerificationFailure.general("inconsistent with saved state: the saved checkpoint is of origin '"
                    + saved.origin() + "', the server's of '" + checkpoint.origin() + "'");
        }
        if (saved.size() > checkpoint.size()) {
            throw VerificationFailure.general("inconsistent with saved state: the log shrank from " + saved.size()
                    + " leaves (saved) to " + checkpoint.size());
        }
        List<byte[]> proof = saved.size() == 0 || checkpoint.size() == 0 ? List.of()
                : consistencyProof(saved.size(), checkpoint.size());
        try {
            MerkleVerifier.verifyConsistency(saved.size(), checkpoint.size(), proof, saved.rootHash(), checkpoint.rootHash());
        } catch (InvalidProofException e) {
            throw VerificationFailure.general("inconsistent with saved state: the checkpoint of size " + checkpoint.size()
                    + " does not extend the saved one of size " + saved.size() + " (" + e.getMessage() + ")");
        }
        out.println("State: saved checkpoint of size " + saved.size() + ", root " + b64(saved.rootHash())
                + "; the consistency proof to size " + checkpoint.size() + " verifies");
        return saved;
    }

    private List<byte[]> consistencyProof(long from, long to) {
        String path = "proof/consistency?from=" + from + "&to=" + to;
        byte[] body = client.get(path).orElseThrow(() -> VerificationFailure.general(
                "inconsistent with saved state: the server has no consistency proof from " + from + " to " + to + " (HTTP 404)"));
        try {
            JsonNode json = JSON.readTree(body);
            if (json == null || json.path("from").asLong(-1) != from || json.path("to").asLong(-1) != to
                    || !json.path("proof").isArray()) {
                throw VerificationFailure.general("inconsistent with saved state: the consistency proof from " + from
                        + " to " + to + " is not {from, to, proof:[...]} for those sizes");
            }
            List<byte[]> proof = new ArrayList<>();
            for (JsonNode hash : json.get("proof")) {
                proof.add(Base64.getDecoder().decode(hash.asText()));
            }
            return proof;
        } catch (IOException | IllegalArgumentException e) {
            throw VerificationFailure.general("inconsistent with saved state: the consistency proof from " + from
                    + " to " + to + " is unreadable: " + e.getMessage());
        }
    }

    /** One entry bundle's worth of checked leaves: their hashes up to the first failure, if any. */
    private record Unit(List<byte[]> leafHashes, long payloads, long withheld, VerificationFailure failure) {
    }

    /** The pass over the leaves: fetch ahead, check on workers, append in order. */
    private final class Stream {

        private final long size;
        private final long oldSize;
        private final List<EntryBundlePath> bundles;
        private final List<HashTilePath> leafTiles = new ArrayList<>();
        private final Map<HashTilePath, Optional<byte[]>> upperTiles = new HashMap<>();
        private final Map<Long, HashTilePath> upperTilePaths = new HashMap<>();
        private final CompactRange range = new CompactRange();

        long leaves;
        long payloads;
        long withheld;
        byte[] oldRoot;

        private long started;
        private long lastReport;
        private int lastDecile;

        Stream(long size, long oldSize) {
            this.size = size;
            this.oldSize = oldSize;
            this.bundles = Tiles.entryBundlesFor(size);
            for (HashTilePath tile : Tiles.hashTilesFor(size)) {
                if (tile.level() == 0) {
                    leafTiles.add(tile);
                } else {
                    upperTilePaths.put(upperKey(tile.level(), tile.index()), tile);
                }
            }
            if (leafTiles.size() != bundles.size()) {
                throw new IllegalStateException("Tiles gives " + leafTiles.size() + " level-0 tiles and "
                        + bundles.size() + " entry bundles for size " + size);
            }
        }

        byte[] run() {
            started = System.nanoTime();
            lastReport = started;
            if (oldSize == 0) {
                oldRoot = MerkleHash.emptyRoot();
            }
            fetchUpperTiles();
            NodeSink sink = this::checkUpperNode;
            Deque<CompletableFuture<Unit>> window = new ArrayDeque<>();
            int next = 0;
            for (int b = 0; b < bundles.size(); b++) {
                while (next < bundles.size() && window.size() < parallel) {
                    window.add(unit(next++));
                }
                Unit unit = join(window.poll());
                for (byte[] leafHash : unit.leafHashes()) {
                    range.append(leafHash, sink);
                    if (range.size() == oldSize) {
                        oldRoot = range.root();
                    }
                }
                leaves += unit.leafHashes().size();
                payloads += unit.payloads();
                withheld += unit.withheld();
                if (unit.failure() != null) {
                    window.forEach(f -> f.cancel(true));
                    throw unit.failure();
                }
                progress();
            }
            if (range.size() != size) {
                throw new IllegalStateException("checked " + range.size() + " leaves of " + size);
            }
            if (size >= Tiles.WIDTH * 10L || System.nanoTime() - started > PROGRESS_EVERY_NANOS) {
                err.printf("verify: %d / %d leaves checked in %.1f s%n", leaves, size,
                        (System.nanoTime() - started) / 1e9);
            }
            return range.root();
        }

        private void progress() {
            long now = System.nanoTime();
            int decile = (int) (leaves * 10 / Math.max(1, size));
            boolean newDecile = size >= Tiles.WIDTH * 10L && decile > lastDecile;
            if (newDecile || now - lastReport >= PROGRESS_EVERY_NANOS) {
                if (leaves < size) {
                    err.printf("verify: %d / %d leaves checked (%d%%)%n", leaves, size, leaves * 100 / size);
                }
                lastDecile = decile;
                lastReport = now;
            }
        }

        /** The tiles above level 0 are few (one per 65,536 leaves): all are fetched first, a window at a time. */
        private void fetchUpperTiles() {
            List<HashTilePath> paths = new ArrayList<>(upperTilePaths.values());
            int batch = Math.max(1, parallel * 3);
            for (int from = 0; from < paths.size(); from += batch) {
                List<HashTilePath> some = paths.subList(from, Math.min(paths.size(), from + batch));
                List<CompletableFuture<Optional<byte[]>>> futures = some.stream()
                        .map(tile -> client.getAsync(tile.path())).toList();
                for (int i = 0; i < some.size(); i++) {
                    upperTiles.put(some.get(i), join(futures.get(i)));
                }
            }
        }

        private CompletableFuture<Unit> unit(int b) {
            EntryBundlePath bundle = bundles.get(b);
            HashTilePath tile = leafTiles.get(b);
            CompletableFuture<Optional<byte[]>> tileBody = client.getAsync(tile.path());
            CompletableFuture<Optional<byte[]>> entries = client.getAsync(bundle.path());
            CompletableFuture<Optional<byte[]>> payloadBundle = client.getAsync(payloadBundlePath(bundle));
            return CompletableFuture.allOf(tileBody, entries, payloadBundle)
                    .handle((ignored, error) -> error)
                    .thenApplyAsync(error -> {
                        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                                ? error.getCause() : error;
                        if (cause instanceof FetchException.ServerError refused) {
                            // The server answered but could not give these leaves (a server that finds its own
                            // store damaged says so with a 5xx): the log cannot be checked there, which fails it.
                            long first = bundle.index() * Tiles.WIDTH + 1;
                            long named = refused.position().orElse(first);
                            return failed(new ArrayList<>(), 0, 0, named >= first && named < first + bundle.width() ? named : first,
                                    "the server could not serve the leaves of " + bundle.path() + ": " + refused.getMessage());
                        }
                        if (error != null) {
                            throw error instanceof RuntimeException runtime ? runtime
                                    : new java.util.concurrent.CompletionException(error);
                        }
                        return check(bundle, tile, tileBody.join(), entries.join(), payloadBundle.join());
                    }, workers);
        }

        private void checkUpperNode(int height, long index, byte[] hash) {
            if (height == 0 || height % Tiles.HEIGHT != 0) {
                return;
            }
            int level = height / Tiles.HEIGHT;
            long tileIndex = index >>> Tiles.HEIGHT;
            int offset = (int) (index & (Tiles.WIDTH - 1));
            long first = (index << height) + 1;
            long last = (index + 1) << height;
            HashTilePath tile = upperTilePaths.get(upperKey(level, tileIndex));
            if (tile == null) {
                throw new IllegalStateException("no tile for the node at height " + height + ", index " + index);
            }
            Optional<byte[]> body = upperTiles.get(tile);
            if (body.isEmpty()) {
                throw VerificationFailure.at(first, "missing tile: the server has no " + tile.path() + " (HTTP 404)");
            }
            if (body.get().length != tile.width() * MerkleHash.SIZE) {
                throw VerificationFailure.at(first, "tile hash mismatch: " + tile.path() + " has " + body.get().length
                        + " bytes, a tile of width " + tile.width() + " has " + tile.width() * MerkleHash.SIZE);
            }
            byte[] served = Arrays.copyOfRange(body.get(), offset * MerkleHash.SIZE, (offset + 1) * MerkleHash.SIZE);
            if (!MessageDigest.isEqual(served, hash)) {
                throw VerificationFailure.at(first, "tile hash mismatch: hash " + offset + " of " + tile.path()
                        + " (the subtree of positions " + first + ".." + last + ") is " + b64(served)
                        + ", the leaves give " + b64(hash));
            }
        }

        private static long upperKey(int level, long index) {
            return ((long) level << 56) | index;
        }
    }

    /** Checks one bundle's leaves against themselves, the level-0 tile and the payloads; runs on a worker. */
    private static Unit check(EntryBundlePath bundle, HashTilePath tile, Optional<byte[]> tileBody,
                              Optional<byte[]> entryBundle, Optional<byte[]> payloadBundle) {
        long first = bundle.index() * Tiles.WIDTH + 1;
        int width = bundle.width();
        List<byte[]> hashes = new ArrayList<>(width);
        if (tileBody.isEmpty()) {
            return failed(hashes, 0, 0, first, "missing tile: the server has no " + tile.path() + " (HTTP 404)");
        }
        if (entryBundle.isEmpty()) {
            return failed(hashes, 0, 0, first, "missing entry bundle: the server has no " + bundle.path() + " (HTTP 404)");
        }
        String payloadPath = payloadBundlePath(bundle);
        if (payloadBundle.isEmpty()) {
            return failed(hashes, 0, 0, first, "missing payload bundle: the server has no " + payloadPath + " (HTTP 404)");
        }
        byte[] tileHashes = tileBody.get();
        if (tileHashes.length != width * MerkleHash.SIZE) {
            return failed(hashes, 0, 0, first, "tile hash mismatch: " + tile.path() + " has " + tileHashes.length
                    + " bytes, a tile of width " + width + " has " + width * MerkleHash.SIZE);
        }
        Bundles.Decoded leaves = Bundles.entries(entryBundle.get());
        Bundles.Decoded payloads = Bundles.payloads(payloadBundle.get());
        long checked = 0;
        long withheld = 0;
        for (int i = 0; i < width; i++) {
            long position = first + i;
            if (i >= leaves.entries().size()) {
                return failed(hashes, checked, withheld, position, "missing leaf: entry bundle " + bundle.path()
                        + " holds only " + leaves.entries().size() + " of its " + width + " leaves"
                        + (leaves.problem() == null ? "" : ": " + leaves.problem()));
            }
            byte[] leafBytes = leaves.entries().get(i);
            LedgerLeaf leaf;
            try {
                leaf = LedgerLeaf.parse(leafBytes);
            } catch (RuntimeException e) { // IllegalArgumentException, or anything else the bytes provoke
                return failed(hashes, checked, withheld, position, "leaf not canonical: " + e.getMessage());
            }
            if (leaf.position() != position) {
                return failed(hashes, checked, withheld, position, "the leaf names another position: "
                        + leaf.position() + " (entry " + i + " of " + bundle.path() + ")");
            }
            byte[] leafHash = MerkleHash.leaf(leafBytes);
            int at = i * MerkleHash.SIZE;
            if (!MessageDigest.isEqual(leafHash, Arrays.copyOfRange(tileHashes, at, at + MerkleHash.SIZE))) {
                return failed(hashes, checked, withheld, position, "tile hash mismatch: the leaf hashes to "
                        + b64(leafHash) + ", hash " + i + " of " + tile.path() + " is "
                        + b64(Arrays.copyOfRange(tileHashes, at, at + MerkleHash.SIZE)));
            }
            if (i >= payloads.entries().size()) {
                return failed(hashes, checked, withheld, position, "missing payload: payload bundle " + payloadPath
                        + " holds only " + payloads.entries().size() + " of its " + width + " payloads"
                        + (payloads.problem() == null ? "" : ": " + payloads.problem()));
            }
            byte[] payload = payloads.entries().get(i);
            if (payload == null) {
                withheld++;
            } else {
                String sha256 = LedgerLeaf.sha256Hex(payload);
                if (!sha256.equals(leaf.payloadSha256())) {
                    return failed(hashes, checked, withheld, position, "payload hash mismatch: the payload's SHA-256 is "
                            + sha256 + ", the leaf commits to " + leaf.payloadSha256());
                }
                checked++;
            }
            hashes.add(leafHash);
        }
        long last = first + width - 1;
        if (leaves.problem() != null || leaves.entries().size() > width) {
            return failed(hashes, checked, withheld, last, "entry bundle " + bundle.path() + " holds more than its "
                    + width + " leaves" + (leaves.problem() == null ? "" : ": " + leaves.problem()));
        }
        if (payloads.problem() != null || payloads.entries().size() > width) {
            return failed(hashes, checked, withheld, last, "payload bundle " + payloadPath + " holds more than its "
                    + width + " payloads" + (payloads.problem() == null ? "" : ": " + payloads.problem()));
        }
        return new Unit(hashes, checked, withheld, null);
    }

    private static Unit failed(List<byte[]> hashes, long checked, long withheld, long position, String problem) {
        return new Unit(hashes, checked, withheld, VerificationFailure.at(position, problem));
    }

    /** {@code payload-bundles/<N>[.p/<W>]}, N and W as in the entry bundle's path. */
    static String payloadBundlePath(EntryBundlePath bundle) {
        return "payload-bundles/" + bundle.path().substring("tile/entries/".length());
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (RuntimeException e) {
            throw LogClient.unwrap(e);
        }
    }

    static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
