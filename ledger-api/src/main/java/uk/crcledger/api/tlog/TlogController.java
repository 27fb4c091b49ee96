package uk.crcledger.api.tlog;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import uk.crcledger.api.problem.BadRequest;
import uk.crcledger.api.problem.NotFound;
import uk.crcledger.eventstore.StoredEvent;
import uk.crcledger.eventstore.tlog.LogReader;
import uk.crcledger.eventstore.tlog.LogState;
import uk.crcledger.tlog.merkle.EntryBundlePath;
import uk.crcledger.tlog.merkle.HashTilePath;
import uk.crcledger.tlog.merkle.TilePath;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * The log as c2sp.org/tlog-tiles serves it, so that standard tools can audit and mirror it: the
 * latest checkpoint, hash tiles and entry bundles under {@code /tlog}; and beside them the verifier
 * key, every signed checkpoint by size, consistency proofs and the payloads the leaves commit to.
 */
@RestController
@RequestMapping("/tlog")
@Tag(name = "Transparency log", description = "The ledger as a verifiable log (c2sp.org/tlog-tiles, tlog-checkpoint, "
        + "signed-note): checkpoints, tiles, entry bundles, proofs and payloads")
public class TlogController {

    static final MediaType TEXT = new MediaType("text", "plain", StandardCharsets.UTF_8);
    private static final CacheControl IMMUTABLE = CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

    private final LogReader log;
    private final LogIdentity identity;
    private final WithheldPayloads withheld;

    public TlogController(LogReader log, LogIdentity identity, WithheldPayloads withheld) {
        this.log = log;
        this.identity = identity;
        this.withheld = withheld;
    }

    @GetMapping(value = "/checkpoint", produces = "text/plain")
    @Operation(summary = "The latest signed checkpoint (c2sp.org/tlog-checkpoint in a c2sp.org/signed-note)")
    @ApiResponse(responseCode = "200", description = "The signed note",
            content = @Content(mediaType = "text/plain", schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "404", description = "No checkpoint is signed yet (an empty ledger)")
    public ResponseEntity<String> checkpoint() {
        LogState.SignedCheckpoint latest = log.latest()
                .orElseThrow(() -> new NotFound("No checkpoint is signed yet: the ledger is empty"));
        return ResponseEntity.ok().contentType(TEXT).cacheControl(CacheControl.noCache()).body(latest.note());
    }

    @GetMapping(value = "/vkey", produces = "text/plain")
    @Operation(summary = "The verifier key of the log's checkpoints, in the signed-note form <name>+<key id>+<key>")
    @ApiResponse(responseCode = "200", description = "The verifier key",
            content = @Content(mediaType = "text/plain", schema = @Schema(type = "string")))
    public ResponseEntity<String> vkey() {
        return ResponseEntity.ok().contentType(TEXT).body(identity.verifierKey().encoded() + "\n");
    }

    @GetMapping(value = "/checkpoints", produces = "text/plain")
    @Operation(summary = "The checkpoint signed at a tree size, if one was signed at that size")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = "text/plain", schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "400", description = "size missing or not a positive integer")
    @ApiResponse(responseCode = "404", description = "No checkpoint was signed at that size")
    public ResponseEntity<String> checkpointOfSize(@RequestParam(required = false) String size) {
        long treeSize = positive("size", size);
        LogState.SignedCheckpoint signed = log.signed(treeSize)
                .orElseThrow(() -> new NotFound("No checkpoint was signed at size " + treeSize));
        return ResponseEntity.ok().contentType(TEXT).cacheControl(IMMUTABLE).body(signed.note());
    }

    @GetMapping(value = "/tile/**", produces = "application/octet-stream")
    @Operation(summary = "A hash tile (tile/<L>/<N>[.p/<W>]) or an entry bundle (tile/entries/<N>[.p/<W>]), "
            + "per c2sp.org/tlog-tiles")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/octet-stream",
            schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(responseCode = "400", description = "Not a tile path in the spec's encoding")
    @ApiResponse(responseCode = "404", description = "The log does not hold that tile (yet)")
    public ResponseEntity<byte[]> tile(HttpServletRequest request) {
        String path = pathAfter(request, "/tlog/");
        TilePath tile = TilePath.parse(path)
                .orElseThrow(() -> new BadRequest("path", "'" + path + "' is not a tile path: tile/<L>/<N>[.p/<W>] or "
                        + "tile/entries/<N>[.p/<W>], N in groups of three digits (x001/x234/067), 1 <= W <= 255"));
        byte[] body = tile instanceof HashTilePath hashes
                ? log.hashTile(hashes).orElseThrow(() -> new NotFound("The log holds no tile " + path))
                : log.entryBundle((EntryBundlePath) tile)
                        .orElseThrow(() -> new NotFound("The log holds no entry bundle " + path));
        // A tile of a given width never changes (partial ones included): only wider ones are added.
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM).cacheControl(IMMUTABLE).body(body);
    }

    @GetMapping(value = "/payloads/{position}", produces = "application/json")
    @Operation(summary = "The payload's exact stored bytes, whose SHA-256 the leaf at that position holds")
    @ApiResponse(responseCode = "200", description = "The event's payload as stored (JSON)",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "StoredPayload")))
    @ApiResponse(responseCode = "400", description = "position is not a positive integer")
    @ApiResponse(responseCode = "404", description = "No event is integrated at that position")
    @ApiResponse(responseCode = "451", description = "The payload is withheld (for example under a court order); the "
            + "problem gives its SHA-256, which the leaf still holds")
    public ResponseEntity<byte[]> payload(@PathVariable String position) {
        long at = positive("position", position);
        StoredEvent event = log.event(at).orElseThrow(() -> new NotFound("No event is integrated at position " + at));
        withheld.refuseIfWithheld(at, event);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).cacheControl(CacheControl.noCache())
                .body(event.payloadBytes());
    }

    @GetMapping(value = "/payload-bundles/**", produces = "application/octet-stream")
    @Operation(summary = "The payloads of 256 positions at once (payload-bundles/<N>[.p/<W>], N encoded as for entry "
            + "bundles), for verifiers: per position a big-endian uint32 length then the payload's stored bytes, or the "
            + "length 0xFFFFFFFF and nothing for a withheld payload")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/octet-stream",
            schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(responseCode = "400", description = "Not a bundle path in the tlog-tiles encoding")
    @ApiResponse(responseCode = "404", description = "The log does not hold those positions (yet)")
    public ResponseEntity<byte[]> payloadBundle(HttpServletRequest request) {
        String path = pathAfter(request, "/tlog/payload-bundles/");
        EntryBundlePath bundle = TilePath.parse("tile/entries/" + path)
                .filter(EntryBundlePath.class::isInstance).map(EntryBundlePath.class::cast)
                .orElseThrow(() -> new BadRequest("path", "'" + path + "' is not a bundle path: <N>[.p/<W>], N in "
                        + "groups of three digits (x001/x234/067), 1 <= W <= 255"));
        List<StoredEvent> events = log.bundleEvents(bundle)
                .orElseThrow(() -> new NotFound("The log holds no payload bundle " + path));
        java.util.Set<Long> withheldHere = withheld.withheldAmong(events.stream().map(StoredEvent::position).toList());
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (StoredEvent event : events) {
            if (withheldHere.contains(event.position())) {
                out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
                continue;
            }
            byte[] payload = event.payloadBytes();
            out.writeBytes(java.nio.ByteBuffer.allocate(4).putInt(payload.length).array());
            out.writeBytes(payload);
        }
        // Not immutable: a payload withheld later is left out from then on.
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM).cacheControl(CacheControl.noCache())
                .body(out.toByteArray());
    }

    /** A consistency proof between two tree sizes. */
    @Schema(description = "A consistency proof (RFC 9162 2.1.4) between two tree sizes")
    public record ConsistencyProof(long from, long to,
                                   @Schema(description = "base64 hashes") List<String> proof) {
    }

    @GetMapping(value = "/proof/consistency", produces = "application/json")
    @Operation(summary = "A consistency proof from tree size `from` to tree size `to` (at most the latest checkpoint's)")
    @ApiResponse(responseCode = "200")
    @ApiResponse(responseCode = "400", description = "from or to missing, not a number, negative, or from > to")
    @ApiResponse(responseCode = "404", description = "to is beyond the latest signed checkpoint")
    public ConsistencyProof consistency(@RequestParam(required = false) String from,
                                        @RequestParam(required = false) String to) {
        long fromSize = nonNegative("from", from);
        long toSize = positive("to", to);
        if (fromSize > toSize) {
            throw new BadRequest("from", "from (" + fromSize + ") is larger than to (" + toSize + ")");
        }
        LogState.SignedCheckpoint latest = log.latest()
                .orElseThrow(() -> new NotFound("No checkpoint is signed yet: the ledger is empty"));
        if (toSize > latest.size()) {
            throw new NotFound("to (" + toSize + ") is beyond the latest checkpoint (" + latest.size() + ")");
        }
        byte[] toRoot = toSize == latest.size() ? latest.root()
                : uk.crcledger.tlog.merkle.MerkleProofs.root(toSize, log.nodes(toSize));
        return new ConsistencyProof(fromSize, toSize, base64(log.consistencyProof(fromSize, toSize, toRoot)));
    }

    /** The rest of the request's path after {@code prefix}, as sent (tile paths are matched on their encoding). */
    private static String pathAfter(HttpServletRequest request, String prefix) {
        return request.getRequestURI().substring(request.getContextPath().length() + prefix.length());
    }

    static List<String> base64(List<byte[]> hashes) {
        return hashes.stream().map(Base64.getEncoder()::encodeToString).toList();
    }

    private static long positive(String field, String value) {
        long parsed = nonNegative(field, value);
        if (parsed < 1) {
            throw new BadRequest(field, field + " must be at least 1");
        }
        return parsed;
    }

    private static long nonNegative(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new BadRequest(field, field + " is required");
        }
        if (!value.matches("0|[1-9][0-9]{0,17}")) {
            throw new BadRequest(field, field + " must be a non-negative integer, not '" + value + "'");
        }
        return Long.parseLong(value);
    }
}
