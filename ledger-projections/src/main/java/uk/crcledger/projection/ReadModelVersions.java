package uk.crcledger.projection;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;

/**
 * Which version of a read model's collections queries read (active) and which a rebuild is filling
 * (building). Kept in MongoDB so every app instance sees a switch.
 */
public class ReadModelVersions {

    public static final String COLLECTION = "read_model_versions";

    private final MongoCollection<Document> versions;
    private final String name;

    public ReadModelVersions(MongoDatabase database, String name) {
        this.versions = database.getCollection(COLLECTION);
        this.name = name;
    }

    /**
     * @param rebuildUntil the last ledger position when the rebuild started: it is complete once every
     *                     segment has handled up to there
     * @param layout       the storage layout the active version was written in ({@link MongoModel#LAYOUT});
     *                     1 for a read model written before layouts were recorded
     */
    public record State(int active, Integer building, Long rebuildUntil, int layout) {

        /** A version just built, in the current layout. */
        public static State built(int active) {
            return new State(active, null, null, MongoModel.LAYOUT);
        }

        public State building(int version, long until) {
            return new State(active, version, until, layout);
        }

        public boolean outdatedLayout() {
            return layout != MongoModel.LAYOUT;
        }

        /** Where the processor writes: the version being built, else the active one. */
        public int writing() {
            return building != null ? building : active;
        }
    }

    public State state() {
        Document doc = versions.find(Filters.eq("_id", name)).first();
        if (doc == null) {
            return new State(1, null, null, 1);
        }
        return new State(doc.getInteger("active"), doc.getInteger("building"), doc.getLong("rebuildUntil"),
                doc.getInteger("layout", 1));
    }

    public void save(State state) {
        versions.replaceOne(Filters.eq("_id", name),
                new Document("_id", name).append("active", state.active()).append("building", state.building())
                        .append("rebuildUntil", state.rebuildUntil()).append("layout", state.layout()),
                new ReplaceOptions().upsert(true));
    }
}
