package uk.crcledger.projection;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Supplier;

/**
 * Shares a processor's segments fairly between the app instances that run it. Axon's pooled
 * processor claims every free segment, so the first instance up would keep them all; each instance
 * here says it is alive (a heartbeat in MongoDB) and gives back segments above its fair share, which
 * the others then claim. An instance that stops deletes its heartbeat; one that dies is forgotten
 * after {@code staleAfter}, and its segments' claims time out in the token store. An instance whose
 * processor is stopped (while another rebuilds the read model) claims nothing, so it has no share.
 */
public class SegmentBalancer implements AutoCloseable {

    public static final String COLLECTION = "processor_instances";
    private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);

    private final MongoCollection<Document> instances;
    private final String processorName;
    private final String nodeId;
    private final Supplier<StreamingEventProcessor> processor;
    private final Duration staleAfter;
    private final Clock clock;

    public SegmentBalancer(MongoDatabase database, String processorName, String nodeId,
                           Supplier<StreamingEventProcessor> processor, Duration staleAfter, Clock clock) {
        this.instances = database.getCollection(COLLECTION);
        this.processorName = processorName;
        this.nodeId = nodeId;
        this.processor = processor;
        this.staleAfter = staleAfter;
        this.clock = clock;
    }

    /** One round: heartbeat, then give back one segment if this instance holds more than its share. */
    public void tick() {
        Instant now = clock.instant();
        String id = processorName + "@" + nodeId;
        StreamingEventProcessor p = processor.get();
        instances.replaceOne(Filters.eq("_id", id), new Document("_id", id).append("processor", processorName)
                .append("node", nodeId).append("seen", Date.from(now)).append("running", p.isRunning()),
                new ReplaceOptions().upsert(true));
        int live = 0;
        Date cutoff = Date.from(now.minus(staleAfter));
        // A handful of documents: scanning them is cheap, also on the embedded server.
        for (Document instance : instances.find().into(new ArrayList<>())) {
            if (processorName.equals(instance.getString("processor")) && !instance.getDate("seen").before(cutoff)
                    && instance.getBoolean("running", true)) {
                live++;
            }
        }
        if (!p.isRunning()) {
            return;
        }
        List<Integer> mine = new ArrayList<>(p.processingStatus().keySet());
        int total = segmentCount(p);
        int fairShare = (int) Math.ceil(total / (double) Math.max(1, live));
        if (mine.size() > fairShare) {
            int release = mine.stream().max(Integer::compare).orElseThrow();
            log.info("{} holds {} of {} segments of {} with {} instances live: releasing segment {}", nodeId,
                    mine.size(), total, processorName, live, release);
            p.releaseSegment(release);
        }
    }

    private static int segmentCount(StreamingEventProcessor p) {
        return p.processingStatus().values().stream()
                .mapToInt(s -> s.getSegment().getMask() + 1)
                .max().orElse(0);
    }

    @Override
    public void close() {
        instances.deleteOne(Filters.eq("_id", processorName + "@" + nodeId));
    }
}
