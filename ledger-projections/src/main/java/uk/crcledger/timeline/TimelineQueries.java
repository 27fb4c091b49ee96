package uk.crcledger.timeline;

import org.bson.Document;
import org.bson.types.Decimal128;
import uk.crcledger.projection.Contributions;
import uk.crcledger.projection.ModelReader;
import uk.crcledger.register.Names;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static uk.crcledger.projection.ReadModelCollections.CRC_TIMELINES;
import static uk.crcledger.projection.ReadModelCollections.PROVIDER_TIMELINES;
import static uk.crcledger.projection.ReadModelCollections.REGISTERS;

/**
 * Answers the ledger's questions from its read model: timelines per CRC and per provider, the CRC
 * view, the provider summary and the entry with its revisions. Works on any {@link ModelReader}, so
 * the live model in MongoDB and an as-of model in memory give their answers through the same code.
 * Every read is by {@code _id}.
 */
public class TimelineQueries implements LedgerQueries {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([pc]):([^}]+)}");
    private static final Comparator<Document> TIMELINE_ORDER = Comparator
            .comparing((Document d) -> d.getString("occurredOn"))
            .thenComparing(d -> d.getLong("ledgerPosition"));

    private final ModelReader model;

    public TimelineQueries(ModelReader model) {
        this.model = model;
    }

    // ---- lists -----------------------------------------------------------------------------------

    public List<Document> crcs() {
        Names names = names();
        List<Document> result = new ArrayList<>();
        for (Document crc : sorted(register(LedgerProjection.CRC_REGISTER), "crcId")) {
            result.add(crcView(crc, names));
        }
        return result;
    }

    public List<Document> providers() {
        List<Document> result = new ArrayList<>();
        for (Document provider : sorted(register(LedgerProjection.PROVIDER_REGISTER), "providerId")) {
            result.add(providerHeader(provider));
        }
        return result;
    }

    // ---- one CRC ---------------------------------------------------------------------------------

    @Override
    public Optional<Document> crc(String crcId) {
        return crcDocument(crcId).map(doc -> crcView(registration(doc), names()));
    }

    @Override
    public Optional<Timeline> crcTimeline(String crcId, TimelineFilter filter) {
        Optional<Document> doc = crcDocument(crcId);
        if (doc.isEmpty()) {
            return Optional.empty();
        }
        List<Document> items = crcItems(doc.get());
        ContractPeriods periods = ContractPeriods.of(items);
        List<Placed> placed = new ArrayList<>();
        for (Document item : items) {
            placed.add(new Placed(item, providerOf(item, periods), List.of(crcId)));
        }
        return Optional.of(page(placed, filter));
    }

    // ---- one provider ----------------------------------------------------------------------------

    @Override
    public Optional<Document> provider(String providerId) {
        Optional<Document> doc = document(PROVIDER_TIMELINES, providerId);
        if (doc.isEmpty() || registration(doc.get()) == null) {
            return Optional.empty();
        }
        Names names = names();
        List<Placed> placed = providerItems(providerId, doc.get());
        Document summary = providerHeader(registration(doc.get()));

        List<Document> now = new ArrayList<>();
        List<Document> before = new ArrayList<>();
        for (String crcId : heldCrcs(doc.get())) {
            ContractPeriods periods = ContractPeriods.of(crcItems(crcDocument(crcId).orElse(new Document())));
            for (ContractPeriods.Period period : periods.periods()) {
                if (providerId.equals(period.providerId())) {
                    Document held = period.toDocument().append("crcId", crcId).append("crcName", names.crc(crcId));
                    (period.endedOn() == null ? now : before).add(held);
                }
            }
        }
        BigDecimal posts = BigDecimal.ZERO;
        int withPosts = 0;
        int percentageOnly = 0;
        Map<String, Integer> byRating = new TreeMap<>();
        Map<String, Document> latestFinding = new TreeMap<>();
        for (Placed p : placed) {
            Document item = p.item();
            if ("retracted".equals(item.getString("status"))) {
                continue;
            }
            Document facts = item.get("facts", Document.class);
            if ("job-cut-announcement".equals(item.getString("type")) && providerId.equals(item.getString("providerId"))) {
                Decimal128 cut = facts.get("postsCut", Decimal128.class);
                if (cut != null) {
                    posts = posts.add(cut.bigDecimalValue());
                    withPosts++;
                } else if (Boolean.TRUE.equals(facts.getBoolean("percentageOnly"))) {
                    percentageOnly++;
                }
            }
            if ("inspection-finding".equals(item.getString("type"))) {
                byRating.merge(facts.getString("rating"), 1, Integer::sum);
                for (String crcId : p.crcIds()) {
                    Document current = latestFinding.get(crcId);
                    if (current == null || TIMELINE_ORDER.compare(current, item) < 0) {
                        latestFinding.put(crcId, item);
                    }
                }
            }
        }
        List<Document> latest = new ArrayList<>();
        latestFinding.forEach((crcId, item) -> latest.add(new Document("crcId", crcId)
                .append("crcName", names.crc(crcId))
                .append("entryId", item.getString("entryId"))
                .append("occurredOn", item.getString("occurredOn"))
                .append("rating", item.get("facts", Document.class).getString("rating"))));
        return Optional.of(summary
                .append("crcsHeldNow", now)
                .append("crcsHeldBefore", before)
                .append("postsAnnouncedCut", new Decimal128(posts))
                .append("announcementsWithPosts", withPosts)
                .append("announcementsWithPercentageOnly", percentageOnly)
                .append("findingsByRating", new Document(new LinkedHashMap<>(byRating)))
                .append("latestFindingPerCrc", latest));
    }

    @Override
    public Optional<Timeline> providerTimeline(String providerId, TimelineFilter filter) {
        Optional<Document> doc = document(PROVIDER_TIMELINES, providerId);
        if (doc.isEmpty() || registration(doc.get()) == null) {
            return Optional.empty();
        }
        return Optional.of(page(providerItems(providerId, doc.get()), filter));
    }

    /**
     * A provider's timeline: every entry that names it, and every entry on a CRC it held that falls in
     * its time there (placed on that provider by the CRC's contract periods).
     */
    private List<Placed> providerItems(String providerId, Document providerDoc) {
        Map<String, Placed> byEntry = new LinkedHashMap<>();
        for (String crcId : heldCrcs(providerDoc)) {
            Document crcDoc = crcDocument(crcId).orElse(new Document());
            List<Document> items = crcItems(crcDoc);
            ContractPeriods periods = ContractPeriods.of(items);
            for (Document item : items) {
                if (providerId.equals(providerOf(item, periods))) {
                    byEntry.merge(item.getString("entryId"), new Placed(item, providerId, List.of(crcId)),
                            (a, b) -> new Placed(a.item(), providerId, union(a.crcIds(), b.crcIds())));
                }
            }
        }
        // Entries naming the provider on a CRC it never held (a transfer's successor is named before
        // it holds anything) still belong on its timeline.
        for (Document item : Contributions.live(providerDoc)) {
            if (item.getString("entryId") != null) {
                byEntry.putIfAbsent(item.getString("entryId"),
                        new Placed(item, providerId, item.getList("crcIds", String.class)));
            }
        }
        return new ArrayList<>(byEntry.values());
    }

    /** The CRCs a provider was ever awarded or transferred, from the entries naming it. */
    private static Set<String> heldCrcs(Document providerDoc) {
        Set<String> crcs = new java.util.TreeSet<>();
        for (Document item : Contributions.live(providerDoc)) {
            String type = item.getString("type");
            if ("contract-award".equals(type) || "contract-end".equals(type)) {
                crcs.addAll(item.getList("crcIds", String.class));
            }
        }
        return crcs;
    }

    // ---- one entry -------------------------------------------------------------------------------

    @Override
    public Optional<Document> entry(String entryId) {
        Names names = names();
        return model.entry(entryId).map(entry -> {
            Document view = entryView(entry, entry.getString("providerId"), entry.getList("crcIds", String.class),
                    names);
            List<Document> revisions = new ArrayList<>();
            int number = 0;
            for (Document revision : entry.getList("revisions", Document.class)) {
                Document shown = new Document("revision", ++number);
                revision.forEach((k, v) -> shown.put(k, "summary".equals(k) ? render((String) v, names) : v));
                revisions.add(shown);
            }
            view.put("revisions", revisions);
            // The positions whose payloads are withheld (their revisions carry "withheld").
            view.put("withheldPositions", entry.getList("withheldPositions", Long.class, List.of()));
            return view;
        });
    }

    // ---- shared ----------------------------------------------------------------------------------

    private record Placed(Document item, String providerId, List<String> crcIds) {
    }

    private Timeline page(List<Placed> placed, TimelineFilter filter) {
        List<Placed> matching = new ArrayList<>();
        for (Placed p : placed) {
            if (filter.accepts(p.item().getString("type"), p.item().getString("occurredOn"), p.providerId())) {
                matching.add(p);
            }
        }
        matching.sort(Comparator.comparing(Placed::item, TIMELINE_ORDER));
        int from = (int) Math.min(filter.offset(), matching.size());
        int to = (int) Math.min((long) from + filter.limit(), matching.size());
        List<Placed> page = matching.subList(from, to);
        Map<String, Document> entries = new HashMap<>();
        for (Document entry : model.entries(page.stream().map(p -> p.item().getString("entryId")).toList())) {
            entries.put(entry.getString("entryId"), entry);
        }
        Names names = names();
        List<Document> items = new ArrayList<>();
        for (Placed p : page) {
            Document entry = entries.get(p.item().getString("entryId"));
            if (entry != null) {
                items.add(entryView(entry, p.providerId(), entry.getList("crcIds", String.class), names)
                        .append("revisions", entry.getInteger("revisionCount")));
            }
        }
        return new Timeline(items, matching.size(), filter.offset(), filter.limit());
    }

    /** An entry as a reader sees it: its type's fields at the top, then the ledger's facts. */
    private static Document entryView(Document entry, String providerId, List<String> crcIds, Names names) {
        Document view = new Document();
        view.putAll(entry.get("fields", Document.class));
        view.append("entryId", entry.getString("entryId"))
                .append("type", entry.getString("type"))
                .append("occurredOn", entry.getString("occurredOn"))
                .append("recordedAt", entry.getString("recordedAt"))
                .append("recordedBy", entry.getString("recordedBy"))
                .append("ledgerPosition", entry.getLong("ledgerPosition"))
                .append("providerId", providerId)
                .append("providerName", providerId == null ? null : names.provider(providerId))
                .append("crcIds", crcIds)
                .append("summary", render(entry.getString("summary"), names))
                .append("status", entry.getString("status"))
                .append("sources", entry.get("sources"));
        return view;
    }

    private String providerOf(Document item, ContractPeriods periods) {
        if (item.getString("providerId") != null) {
            return item.getString("providerId");
        }
        return periods.holderOn(item.getString("occurredOn")).orElse(null);
    }

    private List<Document> crcItems(Document crcDoc) {
        List<Document> items = new ArrayList<>();
        for (Document item : Contributions.live(crcDoc)) {
            if (item.getString("entryId") != null) {
                items.add(item);
            }
        }
        Set<String> seen = new LinkedHashSet<>(items.stream().map(i -> i.getString("entryId")).toList());
        for (Document thematic : Contributions.live(register(LedgerProjection.THEMATIC_REGISTER))) {
            if (seen.add(thematic.getString("entryId"))) {
                items.add(thematic);
            }
        }
        return items;
    }

    private Optional<Document> crcDocument(String crcId) {
        return document(CRC_TIMELINES, crcId).filter(doc -> registration(doc) != null);
    }

    private Optional<Document> document(String collection, String id) {
        return model.document(collection, id);
    }

    private static Document registration(Document doc) {
        Document all = doc.get(Contributions.FIELD, Document.class);
        return all == null ? null : all.get(LedgerProjection.REGISTRATION, Document.class);
    }

    private Document crcView(Document registration, Names names) {
        String crcId = registration.getString("crcId");
        ContractPeriods periods = ContractPeriods.of(crcItems(crcDocument(crcId).orElse(new Document())));
        List<Document> contracts = new ArrayList<>();
        for (Document period : periods.toDocuments()) {
            contracts.add(period.append("providerName", names.provider(period.getString("providerId"))));
        }
        String current = periods.current().orElse(null);
        return new Document("crcId", crcId)
                .append("name", registration.getString("name"))
                .append("abbreviation", registration.getString("abbreviation"))
                .append("currentProviderId", current)
                .append("currentProviderName", current == null ? null : names.provider(current))
                .append("contracts", contracts);
    }

    private static Document providerHeader(Document registration) {
        return new Document("providerId", registration.getString("providerId"))
                .append("name", registration.getString("name"))
                .append("kind", registration.getString("kind"))
                .append("members", registration.get("members"));
    }

    private Document register(String name) {
        return document(REGISTERS, name).orElse(new Document());
    }

    private Names names() {
        Map<String, String> providers = new HashMap<>();
        for (Document p : Contributions.live(register(LedgerProjection.PROVIDER_REGISTER))) {
            providers.put(p.getString("providerId"), p.getString("name"));
        }
        Map<String, String> crcs = new HashMap<>();
        for (Document c : Contributions.live(register(LedgerProjection.CRC_REGISTER))) {
            crcs.put(c.getString("crcId"), c.getString("name"));
        }
        return Names.of(providers, crcs);
    }

    private static List<Document> sorted(Document register, String idField) {
        List<Document> all = new ArrayList<>(Contributions.live(register));
        all.sort(Comparator.comparing(d -> d.getString(idField)));
        return all;
    }

    static String render(String template, Names names) {
        if (template == null) {
            return null;
        }
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = "p".equals(m.group(1)) ? names.provider(m.group(2)) : names.crc(m.group(2));
            m.appendReplacement(out, Matcher.quoteReplacement(name));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static List<String> union(List<String> a, List<String> b) {
        Set<String> all = new java.util.TreeSet<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
