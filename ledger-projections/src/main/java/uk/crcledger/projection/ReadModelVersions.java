package uk.crcledger.projection;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import java.time.Instant;
import java.util.Date;

/**
 * Which version of a read model's collections queries read (active), which a rebuild is filling
 * (building), and which instance carries the rebuild out (the rebuilder, with when it last said it
 * is alive). Kept in MongoDB so every app instance sees a request and a switch.
 */
public class ReadModelVersions {

    public static final String COLLECTION = "read_model_versions";
    private static final String REBUILDER = "rebuilder";
    private static final String REBUILDER_SEEN = "rebuilderSeen";

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
     * @param rebuilder     the node that carries out a rebuild asked for (it holds every segment until
     *                      the switch), or null
     * @param rebuilderSeen when the rebuilder last said it is alive
     */
    public record State(int active, Integer building, Long rebuildUntil, int layout, String rebuilder,
                        Instant rebuilderSeen) {

        /** A version just built, in the current layout. */
        public static State built(int active) {
            return new State(active, null, null, MongoModel.LAYOUT, null, null);
        }

        public State building(int version, long until) {
            return new State(active, version, until, layout, rebuilder, rebuilderSeen);
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
            return new State(1, null, null, 1, null, null);
        }
        Date seen = doc.getDate(REBUILDER_SEEN);
        return new State(doc.getInteger("active"), doc.getInteger("building"), doc.getLong("rebuildUntil"),
                doc.getInteger("layout", 1), doc.getString(REBUILDER), seen == null ? null : seen.toInstant());
    }

    public void save(State state) {
        versions.replaceOne(Filters.eq("_id", name), document(state), new ReplaceOptions().upsert(true));
    }

    /** Saves the state if {@code node} is still the rebuilder (none took the rebuild over); says whether it did. */
    public boolean saveAsRebuilder(State state, String node) {
        return versions.replaceOne(Filters.and(Filters.eq("_id", name), Filters.eq(REBUILDER, node)), document(state))
                .getMatchedCount() == 1;
    }

    /**
     * Makes {@code node} the rebuilder of a rebuild asked for now, unless one is asked for or running
     * already (one conditional write: of two instances asking at once, one wins); says whether it did.
     */
    public boolean askForRebuild(String node, Instant now) {
        if (versions.find(Filters.eq("_id", name)).first() == null) {
            save(state());
        }
        return versions.updateOne(Filters.and(Filters.eq("_id", name), Filters.eq(REBUILDER, null),
                        Filters.eq("building", null)),
                Updates.combine(Updates.set(REBUILDER, node), Updates.set(REBUILDER_SEEN, Date.from(now))))
                .getModifiedCount() == 1;
    }

    /** The rebuilder says it is alive. */
    public void rebuilderAlive(String node, Instant now) {
        versions.updateOne(Filters.and(Filters.eq("_id", name), Filters.eq(REBUILDER, node)),
                Updates.set(REBUILDER_SEEN, Date.from(now)));
    }

    /**
     * Makes {@code node} the rebuilder in place of one that stopped saying it is alive, unless another
     * instance did so first; says whether it did.
     */
    public boolean takeOverRebuild(State seen, String node, Instant now) {
        return versions.updateOne(Filters.and(Filters.eq("_id", name), Filters.eq(REBUILDER, seen.rebuilder()),
                        Filters.eq(REBUILDER_SEEN, Date.from(seen.rebuilderSeen()))),
                Updates.combine(Updates.set(REBUILDER, node), Updates.set(REBUILDER_SEEN, Date.from(now))))
                .getModifiedCount() == 1;
    }

    private Document document(State state) {
        return new Document("_id", name).append("active", state.active()).append("building", state.building())
                .append("rebuildUntil", state.rebuildUntil()).append("layout", state.layout())
                .append(REBUILDER, state.rebuilder())
                .append(REBUILDER_SEEN, state.rebuilderSeen() == null ? null : Date.from(state.rebuilderSeen()));
    }
}
