package uk.crcledger.tlog.verify;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import uk.crcledger.tlog.leaf.LedgerLeaf;
import uk.crcledger.tlog.merkle.CompactRange;
import uk.crcledger.tlog.merkle.EntryBundlePath;
import uk.crcledger.tlog.merkle.EntryBundles;
import uk.crcledger.tlog.merkle.HashTilePath;
import uk.crcledger.tlog.merkle.MerkleHash;
import uk.crcledger.tlog.merkle.MerkleProofs;
import uk.crcledger.tlog.merkle.Tiles;
import uk.crcledger.tlog.note.Checkpoint;
import uk.crcledger.tlog.note.NoteSigner;
import uk.crcledger.tlog.note.SignedNote;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A log built in the test from the module's own classes and served as the ledger serves it, on an
 * in-process HTTP server on a random port: checkpoint, hash tiles, entry bundles, payload bundles
 * and consistency proofs. The served files are a mutable map, so a test can tamper with any of them.
 */
final class TestLog implements AutoCloseable {

    private static final Pattern CONSISTENCY = Pattern.compile("from=(\\d+)&to=(\\d+)");

    final NoteSigner signer;
    final String origin;
    private final String flavour;
    final List<byte[]> leaves = new ArrayList<>();
    final List<byte[]> payloads = new ArrayList<>();
    final Set<Long> withheld = ConcurrentHashMap.newKeySet();
    /** Nodes at heights 0, 8, 16, ... by level, in index order. */
    private final List<List<byte[]>> levels = new ArrayList<>();
    private final CompactRange range = new CompactRange();

    /** What the server serves, by path under /tlog/. */
    final Map<String, byte[]> files = new ConcurrentHashMap<>();
    final AtomicInteger requests = new AtomicInteger();
    private long publishedSize;

    private HttpServer server;
    private ExecutorService executor;

    TestLog(NoteSigner signer, String flavour) {
        this.signer = signer;
        this.origin = signer.name();
        this.flavour = flavour;
    }

    static TestLog create(int size) {
        TestLog log = new TestLog(NoteSigner.generate("test.example/crc-ledger"), "a");
        log.append(size);
        log.publish();
        return log;
    }

    /** Appends events: a payload of varying length, and the canonical leaf that commits to it. */
    void append(int count) {
        for (int i = 0; i < count; i++) {
            long position = leaves.size() + 1;
            String payload = "{\"n\":" + position + ",\"flavour\":\"" + flavour + "\",\"text\":\""
                    + "x".repeat((int) (position * 7 % 300)) + "\"}";
            byte[] payloadBytes = payload.getBytes(StandardCharsets.UTF_8);
            LedgerLeaf leaf = new LedgerLeaf(position, "evt-" + flavour + "-" + position, "test-event",
                    position % 5 == 0 ? null : "agg-" + (position % 11), position % 5 == 0 ? null : position / 11,
                    "2024-01-01T00:00:" + String.format("%02d", position % 60) + "Z", "tester", LedgerLeaf.sha256Hex(payloadBytes));
            byte[] leafBytes = leaf.canonicalBytes();
            leaves.add(leafBytes);
            payloads.add(payloadBytes);
            range.append(MerkleHash.leaf(leafBytes), (height, index, hash) -> {
                if (height % Tiles.HEIGHT == 0) {
                    int level = height / Tiles.HEIGHT;
                    while (levels.size() <= level) {
                        levels.add(new ArrayList<>());
                    }
                    levels.get(level).add(hash);
                }
            });
        }
    }

    long size() {
        return leaves.size();
    }

    byte[] root() {
        return range.root();
    }

    /** The root of the first {@code size} leaves. */
    byte[] rootAt(long size) {
        if (size == leaves.size()) {
            return root();
        }
        return MerkleProofs.root(size, Tiles.nodeReader(size, this::tile));
    }

    String checkpointAt(long size) {
        return SignedNote.sign(new Checkpoint(origin, size, rootAt(size), List.of()).text(), signer).encoded();
    }

    /** Serves the log at its current size: a new checkpoint, and the tiles and bundles that size needs. */
    void publish() {
        long size = leaves.size();
        files.clear();
        files.put("checkpoint", checkpointAt(size).getBytes(StandardCharsets.UTF_8));
        for (HashTilePath tile : Tiles.hashTilesFor(size)) {
            files.put(tile.path(), tile(tile.level(), tile.index(), tile.width()));
        }
        for (EntryBundlePath bundle : Tiles.entryBundlesFor(size)) {
            int from = (int) (bundle.index() * Tiles.WIDTH);
            files.put(bundle.path(), EntryBundles.encode(leaves.subList(from, from + bundle.width())));
            files.put(LogVerifier.payloadBundlePath(bundle), payloadBundle(from, bundle.width()));
        }
        publishedSize = size;
    }

    private byte[] payloadBundle(int from, int width) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = from; i < from + width; i++) {
            if (withheld.contains((long) i + 1)) {
                out.writeBytes(new byte[] {-1, -1, -1, -1});
            } else {
                out.writeBytes(ByteBuffer.allocate(4).putInt(payloads.get(i).length).array());
                out.writeBytes(payloads.get(i));
            }
        }
        return out.toByteArray();
    }

    byte[] tile(int level, long index, int width) {
        List<byte[]> hashes = levels.get(level);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (long i = index * Tiles.WIDTH; i < index * Tiles.WIDTH + width; i++) {
            out.writeBytes(hashes.get((int) i));
        }
        return out.toByteArray();
    }

    /** The served entry bundle that holds a position, and the index of the position in it. */
    static EntryBundlePath bundleOf(long position, long size) {
        return Tiles.entryBundlesFor(size).get((int) ((position - 1) / Tiles.WIDTH));
    }

    /** Replaces the leaf at a position in its served entry bundle (tiles untouched). */
    void serveLeaf(long position, byte[] leafBytes) {
        EntryBundlePath bundle = bundleOf(position, publishedSize);
        List<byte[]> entries = new ArrayList<>(EntryBundles.decode(files.get(bundle.path())));
        entries.set((int) ((position - 1) % Tiles.WIDTH), leafBytes);
        files.put(bundle.path(), EntryBundles.encode(entries));
    }

    /** Flips a bit of the payload at a position in its served payload bundle. */
    void flipPayloadByte(long position, int offset) {
        EntryBundlePath bundle = bundleOf(position, publishedSize);
        int from = (int) (bundle.index() * Tiles.WIDTH);
        byte[] served = payloads.get((int) position - 1).clone();
        served[offset] ^= 0x01;
        List<byte[]> saved = new ArrayList<>(payloads);
        payloads.set((int) position - 1, served);
        files.put(LogVerifier.payloadBundlePath(bundle), payloadBundle(from, bundle.width()));
        payloads.clear();
        payloads.addAll(saved);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    TestLog start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        executor = Executors.newFixedThreadPool(8);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        return this;
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!path.startsWith("/tlog/")) {
                send(exchange, 404, "not found");
                return;
            }
            path = path.substring("/tlog/".length());
            if (path.equals("proof/consistency")) {
                Matcher m = CONSISTENCY.matcher(String.valueOf(exchange.getRequestURI().getQuery()));
                if (!m.matches()) {
                    send(exchange, 400, "bad query");
                    return;
                }
                long from = Long.parseLong(m.group(1));
                long to = Long.parseLong(m.group(2));
                if (from > to || to > publishedSize) {
                    send(exchange, 404, "no proof");
                    return;
                }
                List<byte[]> proof = MerkleProofs.consistency(from, to, Tiles.nodeReader(to, this::tile));
                String json = "{\"from\":" + from + ",\"to\":" + to + ",\"proof\":["
                        + String.join(",", proof.stream().map(h -> "\"" + Base64.getEncoder().encodeToString(h) + "\"").toList())
                        + "]}";
                send(exchange, 200, json);
                return;
            }
            byte[] body = files.get(path);
            if (body == null) {
                send(exchange, 404, "no " + path);
                return;
            }
            exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
        }
    }
}
