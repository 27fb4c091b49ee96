package uk.crcledger.eventstore.tlog;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;
import org.bson.types.Binary;
import uk.crcledger.tlog.merkle.MerkleHash;
import uk.crcledger.tlog.merkle.Tiles;

import java.util.Arrays;
import java.util.Map;

/**
 * The tree's hash tiles (c2sp.org/tlog-tiles), one document per tile keyed by {@code _id}
 * {@code "<level>/<index>"}, holding the concatenated hashes it has so far. A tile only ever grows:
 * its hashes are of complete subtrees, so a partial tile of width W is the first W hashes of the
 * stored one, and never changes either. So every tile read is cached as read, and a cached tile
 * answers any width it covers; only a wider one than cached is read again.
 */
public final class TileStore implements Tiles.TileSource {

    static final String COLLECTION = "tlog_tiles";

    private final MongoCollection<Document> tiles;
    private final Cache<String, byte[]> cached;

    public TileStore(MongoDatabase database, long cachedTiles) {
        this.tiles = database.getCollection(COLLECTION);
        this.cached = Caffeine.newBuilder().maximumSize(cachedTiles).build();
    }

    static String id(int level, long index) {
        return level + "/" + index;
    }

    /** The hashes stored for a tile so far (empty when none), read from the store. */
    public byte[] stored(int level, long index) {
        String id = id(level, index);
        Document tile = tiles.find(Filters.eq("_id", id)).first();
        if (tile == null) {
            return new byte[0];
        }
        byte[] hashes = tile.get("hashes", Binary.class).getData();
        cached.put(id, hashes);
        return hashes;
    }

    /** The tile at exactly {@code width} hashes, or {@code null} when fewer are stored. */
    public byte[] prefix(int level, long index, int width) {
        int bytes = width * MerkleHash.SIZE;
        byte[] stored = cached.getIfPresent(id(level, index));
        if (stored == null || stored.length < bytes) {
            stored = stored(level, index);
        }
        if (stored.length < bytes) {
            return null;
        }
        return stored.length == bytes ? stored : Arrays.copyOf(stored, bytes);
    }

    @Override
    public byte[] tile(int level, long index, int width) {
        byte[] tile = prefix(level, index, width);
        if (tile == null) {
            throw new IllegalStateException("Tile " + id(level, index) + " holds fewer than " + width + " hashes");
        }
        return tile;
    }

    /** Stores tiles whole (they are at most 8 KiB); rewriting one with the same prefix is harmless. */
    void write(Map<String, byte[]> changed) {
        ReplaceOptions upsert = new ReplaceOptions().upsert(true);
        changed.forEach((id, hashes) -> tiles.replaceOne(Filters.eq("_id", id),
                new Document("_id", id).append("hashes", new Binary(hashes)), upsert));
    }
}
