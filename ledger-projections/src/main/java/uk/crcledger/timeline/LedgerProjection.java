package uk.crcledger.timeline;

import org.axonframework.eventhandling.EventMessage;
import org.bson.Document;
import org.bson.types.Decimal128;
import uk.crcledger.correction.EntryCorrected;
import uk.crcledger.correction.EntryRetracted;
import uk.crcledger.crc.CrcRegistered;
import uk.crcledger.entry.EntryDetails;
import uk.crcledger.entry.EntryId;
import uk.crcledger.entry.EntryRecorded;
import uk.crcledger.entry.EntryType;
import uk.crcledger.entry.RecordedBy;
import uk.crcledger.inspection.InspectionFindingDetails;
import uk.crcledger.jobcut.JobCutAnnouncementDetails;
import uk.crcledger.projection.Contributions;
import uk.crcledger.projection.ModelWriter;
import uk.crcledger.provider.ProviderRegistered;
import uk.crcledger.register.CrcId;
import uk.crcledger.register.Names;
import uk.crcledger.register.ProviderId;
import uk.crcledger.withholding.PayloadWithheld;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static uk.crcledger.projection.ReadModelCollections.CRC_TIMELINES;
import static uk.crcledger.projection.ReadModelCollections.PROVIDER_TIMELINES;
import static uk.crcledger.projection.ReadModelCollections.REGISTERS;

/**
 * The ledger's read model, written from events alone: one document per entry with all its
 * revisions, and each entry's contribution to the timelines of the CRCs and providers it names.
 * <p>
 * What depends on several entries (who held a CRC on a date, and so which provider a finding
 * concerns; a provider's totals) is derived when a query reads the contributions, not stored: the
 * stored documents then depend only on each entry's own events, which is what lets segments run in
 * parallel and a rebuild come out identical. The same code writes MongoDB (live) and memory (as-of
 * answers), through {@link ModelWriter}.
 */
public final class LedgerProjection {

    /** Registers: documents in {@code registers} naming every CRC, provider and all-CRC entry. */
    public static final String CRC_REGISTER = "crcs";
    public static final String PROVIDER_REGISTER = "providers";
    public static final String THEMATIC_REGISTER = "thematic";
    /** The key of a CRC's or provider's own registration in its timeline document. */
    public static final String REGISTRATION = "#registration";

    /** Placeholders in stored summaries, filled with current names when read. */
    static final Names PLACEHOLDERS = new Names() {
        @Override
        public String provider(String providerId) {
            return "{p:" + providerId + "}";
        }

        @Override
        public String crc(String crcId) {
            return "{c:" + crcId + "}";
        }
    };

    private LedgerProjection() {
    }

    /** Applies one event at its ledger position; events already applied are ignored. */
    public static void apply(EventMessage<?> event, long position, ModelWriter model) {
        Object payload = event.getPayload();
        String at = event.getTimestamp().toString();
        if (payload instanceof CrcRegistered registered) {
            Document crc = new Document("crcId", registered.crcId().value())
                    .append("name", registered.name())
                    .append("abbreviation", registered.abbreviation())
                    .append("recordedAt", at)
                    .append("recordedBy", registered.recordedBy().name())
                    .append("ledgerPosition", position);
            String sequence = registered.crcId().value();
            model.contribute(REGISTERS, CRC_REGISTER, sequence, Contributions.key(sequence), crc, position,
                    List.of(position));
            model.contribute(CRC_TIMELINES, sequence, sequence, REGISTRATION, crc, position, List.of(position));
        } else if (payload instanceof ProviderRegistered registered) {
            Document provider = new Document("providerId", registered.providerId().value())
                    .append("name", registered.name())
                    .append("kind", registered.kind())
                    .append("members", registered.members())
                    .append("recordedAt", at)
                    .append("recordedBy", registered.recordedBy().name())
                    .append("ledgerPosition", position);
            String sequence = registered.providerId().value();
            model.contribute(REGISTERS, PROVIDER_REGISTER, sequence, Contributions.key(sequence), provider, position,
                    List.of(position));
            model.contribute(PROVIDER_TIMELINES, sequence, sequence, REGISTRATION, provider, position,
                    List.of(position));
        } else if (payload instanceof EntryRecorded recorded) {
            // For an end, the concerned provider is the holder whose contract ended: a fact of the event.
            recorded(model, recorded.entryId(), recorded.details(),
                    recorded.concernedProvider().map(ProviderId::value).orElse(null), recorded.recordedBy(),
                    position, at);
        } else if (payload instanceof EntryCorrected corrected) {
            revised(model, corrected.entryId(), position, at, entry -> {
                EntryDetails details = corrected.correctedDetails();
                String providerId = details.namedProvider().map(ProviderId::value)
                        .orElse(entry.getString("providerId"));
                describe(entry, details, providerId);
                entry.put("status", "corrected");
                return revision("corrected", corrected.recordedBy(), at, position)
                        .append("reason", corrected.reason())
                        .append("changedFields", corrected.changedFields())
                        .append("fields", entry.get("fields"))
                        .append("sources", entry.get("sources"))
                        .append("summary", entry.getString("summary"));
            });
        } else if (payload instanceof EntryRetracted retracted) {
            revised(model, retracted.entryId(), position, at, entry -> {
                entry.put("status", "retracted");
                return revision("retracted", retracted.recordedBy(), at, position)
                        .append("reason", retracted.reason());
            });
        } else if (payload instanceof PayloadWithheld withheld) {
            withheld(model, withheld, position, at);
        }
    }

    /**
     * Marks the revision whose event's payload is withheld, and lists the position in the entry's
     * {@code withheldPositions}. The read views only mark it: what withholds is the payload endpoint
     * ({@code GET /tlog/payloads/{position}} answers 451), while the revision's content stays in the
     * read model. The withholding is not a revision, and no timeline shows it, so nothing is spread.
     */
    private static void withheld(ModelWriter model, PayloadWithheld withheld, long position, String at) {
        Document entry = model.currentEntry(withheld.entryId().value());
        if (entry == null || entry.getLong("lastPosition") >= position) {
            return; // not recorded (the API checks it is) or already applied
        }
        List<Document> revisions = new ArrayList<>(entry.getList("revisions", Document.class));
        boolean marked = false;
        for (int i = 0; i < revisions.size(); i++) {
            Document revision = revisions.get(i);
            if (revision.getLong("ledgerPosition") == withheld.position()) {
                revisions.set(i, new Document(revision).append("withheld", new Document("reason", withheld.reason())
                        .append("reference", withheld.reference())
                        .append("withheldAt", at)
                        .append("withheldBy", withheld.recordedBy().name())
                        .append("ledgerPosition", position)));
                marked = true;
            }
        }
        if (marked) {
            List<Long> positions = new ArrayList<>(entry.getList("withheldPositions", Long.class, List.of()));
            positions.add(withheld.position());
            positions.sort(null);
            entry.put("revisions", revisions);
            entry.put("withheldPositions", positions);
        }
        // Applied either way, so a replayed batch leaves the entry as it is.
        entry.put("lastPosition", position);
        model.saveEntry(entry);
    }

    private static void recorded(ModelWriter model, EntryId entryId, EntryDetails details, String providerId,
                                 RecordedBy recordedBy, long position, String at) {
        // Not read first: a recording event is an entry's first, so it can only meet its document
        // again when a batch is replayed after a crash, and then the batch's later events of that
        // entry are replayed after it too; contributions keep their newer versions meanwhile.
        Document entry = new Document("_id", entryId.value())
                .append("entryId", entryId.value())
                .append("type", details.type().jsonName())
                .append("status", "active")
                .append("recordedAt", at)
                .append("recordedBy", recordedBy.name())
                .append("ledgerPosition", position)
                .append("lastPosition", position);
        describe(entry, details, providerId);
        List<Document> revisions = new ArrayList<>();
        revisions.add(revision("recorded", recordedBy, at, position)
                .append("fields", entry.get("fields"))
                .append("sources", entry.get("sources"))
                .append("summary", entry.getString("summary")));
        entry.append("revisions", revisions).append("revisionCount", revisions.size());
        model.createEntry(entry);
        spread(model, null, entry, position);
    }

    private interface Revision {
        Document apply(Document entry);
    }

    private static void revised(ModelWriter model, EntryId entryId, long position, String at, Revision revision) {
        Document entry = model.currentEntry(entryId.value());
        if (entry == null || entry.getLong("lastPosition") >= position) {
            return; // not recorded (cannot happen in a whole ledger) or already applied
        }
        Document before = new Document(entry);
        List<Document> revisions = new ArrayList<>(entry.getList("revisions", Document.class));
        revisions.add(revision.apply(entry));
        entry.put("revisions", revisions);
        entry.put("revisionCount", revisions.size());
        entry.put("lastPosition", position);
        model.saveEntry(entry);
        spread(model, before, entry, position);
    }

    /** The facts of the current version: what the timelines show. */
    private static void describe(Document entry, EntryDetails details, String providerId) {
        entry.put("occurredOn", details.occurredOn() == null ? null : details.occurredOn().toString());
        entry.put("providerId", providerId);
        entry.put("crcIds", new ArrayList<>(details.crcIds().stream().map(CrcId::value).toList()));
        entry.put("coversAllCrcs", details.coversAllCrcs());
        entry.put("fields", EntryFacts.fields(details));
        entry.put("sources", EntryFacts.sources(details.sources()));
        entry.put("summary", details.summary(providerId == null ? null : ProviderId.of(providerId), PLACEHOLDERS));
        Document facts = new Document();
        if (details instanceof JobCutAnnouncementDetails cuts) {
            BigDecimal posts = cuts.postsCut();
            facts.append("postsCut", posts == null ? null : new Decimal128(posts))
                    .append("percentageOnly", cuts.percentageOnly());
        }
        if (details instanceof InspectionFindingDetails finding) {
            facts.append("rating", EntryFacts.fields(finding).getString("rating"));
        }
        entry.put("facts", facts);
    }

    private static Document revision(String kind, RecordedBy by, String at, long position) {
        return new Document("kind", kind)
                .append("recordedAt", at)
                .append("recordedBy", by.name())
                .append("ledgerPosition", position);
    }

    /**
     * Writes the entry's contribution to every timeline it is on now, and a tombstone to every one
     * it has left (a correction can change the CRCs or the provider).
     */
    private static void spread(ModelWriter model, Document before, Document entry, long position) {
        Document item = item(entry);
        // Every event of the entry, not just this one: an as-of answer for a CRC a correction moved
        // the entry onto must replay the entry from its first event.
        List<Long> positions = entry.getList("revisions", Document.class).stream()
                .map(r -> r.getLong("ledgerPosition")).toList();
        String sequence = entry.getString("entryId");
        String key = Contributions.key(sequence);
        Set<String> crcsNow = new LinkedHashSet<>(entry.getList("crcIds", String.class));
        Set<String> crcsBefore = before == null ? Set.of() : new LinkedHashSet<>(before.getList("crcIds", String.class));
        for (String crc : crcsNow) {
            model.contribute(CRC_TIMELINES, crc, sequence, key, item, position, positions);
        }
        for (String crc : crcsBefore) {
            if (!crcsNow.contains(crc)) {
                model.contribute(CRC_TIMELINES, crc, sequence, key, null, position, positions);
            }
        }
        // Provider documents keep only contract entries: they say which CRCs a provider held. Every
        // other entry reaches a provider's timeline through those CRCs' documents.
        Set<String> providersNow = isContract(entry.getString("type")) ? providersNamed(entry) : Set.of();
        Set<String> providersBefore = before == null || !isContract(before.getString("type")) ? Set.of()
                : providersNamed(before);
        for (String provider : providersNow) {
            model.contribute(PROVIDER_TIMELINES, provider, sequence, key, item, position, positions);
        }
        for (String provider : providersBefore) {
            if (!providersNow.contains(provider)) {
                model.contribute(PROVIDER_TIMELINES, provider, sequence, key, null, position, positions);
            }
        }
        boolean allNow = Boolean.TRUE.equals(entry.getBoolean("coversAllCrcs"));
        boolean allBefore = before != null && Boolean.TRUE.equals(before.getBoolean("coversAllCrcs"));
        if (allNow || allBefore) {
            model.contribute(REGISTERS, THEMATIC_REGISTER, sequence, key, allNow ? item : null, position, positions);
        }
    }

    /** The providers an entry names itself: its provider and, for a transfer, the successor. */
    private static Set<String> providersNamed(Document entry) {
        Set<String> providers = new LinkedHashSet<>();
        if (entry.getString("providerId") != null) {
            providers.add(entry.getString("providerId"));
        }
        String successor = entry.get("fields", Document.class).getString("successorProviderId");
        if (successor != null) {
            providers.add(successor);
        }
        return providers;
    }

    /** What a timeline needs of an entry to place, filter and count it without reading it. */
    private static Document item(Document entry) {
        return new Document("entryId", entry.getString("entryId"))
                .append("type", entry.getString("type"))
                .append("status", entry.getString("status"))
                .append("occurredOn", entry.getString("occurredOn"))
                .append("ledgerPosition", entry.getLong("ledgerPosition"))
                .append("providerId", entry.getString("providerId"))
                .append("crcIds", entry.getList("crcIds", String.class))
                // Only contract entries' fields are read from a timeline (to derive who held what
                // when); the rest stay in the entry, which keeps shared documents small.
                .append("fields", isContract(entry.getString("type")) ? entry.get("fields") : null)
                .append("facts", entry.get("facts"));
    }

    static boolean isContract(String type) {
        return EntryType.CONTRACT_AWARD.jsonName().equals(type) || EntryType.CONTRACT_END.jsonName().equals(type)
                || EntryType.CONTRACT_TERM_CHANGE.jsonName().equals(type);
    }
}
