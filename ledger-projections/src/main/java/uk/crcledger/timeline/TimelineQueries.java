package uk.crcledger.timeline;

import uk.crcledger.contract.ContractHistory;
import uk.crcledger.contract.Holding;
import uk.crcledger.entry.EntryDetails;
import uk.crcledger.entry.EntryId;
import uk.crcledger.inspection.InspectionFindingDetails;
import uk.crcledger.jobcut.JobCutAnnouncementDetails;
import uk.crcledger.projection.ModelReader;
import uk.crcledger.projection.Version;
import uk.crcledger.register.CrcId;
import uk.crcledger.register.Names;
import uk.crcledger.register.ProviderId;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import static uk.crcledger.projection.ReadModelCollections.CRC_CONTRACTS;
import static uk.crcledger.projection.ReadModelCollections.CRC_TIMELINES;
import static uk.crcledger.projection.ReadModelCollections.PROVIDER_TIMELINES;
import static uk.crcledger.projection.ReadModelCollections.REGISTERS;

/**
 * Answers the ledger's questions from its read model, live or as the ledger knew them at an
 * instant: timelines per CRC and per provider, the CRC view, the provider summary and the entry with
 * its revisions.
 * <p>
 * Bitemporal: every stored revision and placement carries the instant the ledger recorded it, so
 * "as of T" reads the same documents as "now" and keeps, of each entry, the latest version recorded
 * by T (see {@link Version#latest}); nothing is replayed, and an as-of answer costs what the live one
 * costs. Every read is by {@code _id}. One instance answers for one moment; it remembers what it has
 * read, so make a new one per question (the read model does).
 */
public class TimelineQueries implements LedgerQueries {

    /** Ledger positions below 2^40 (a trillion events) and days from -2^22 to 2^22 fit one long. */
    private static final int POSITION_BITS = 40;

    /**
     * An entry's place in timeline order (the day it happened, then its ledger position) as one
     * number: choosing a page compares every entry of the timeline, tens of thousands for a busy CRC.
     */
    private static long timelineOrder(Placement p) {
        return (p.details().occurredOn().toEpochDay() << POSITION_BITS) | p.ledgerPosition();
    }

    private final ModelReader model;
    private final Instant asOf;
    private final Map<String, Object> read = new ConcurrentHashMap<>();

    /** @param asOf null for the live answers */
    public TimelineQueries(ModelReader model, Instant asOf) {
        this.model = model;
        this.asOf = asOf;
    }

    // ---- lists -----------------------------------------------------------------------------------

    @Override
    public List<CrcView> crcs() {
        Names names = names();
        return crcRegister().values().stream().map(crc -> crcView(crc, names)).toList();
    }

    @Override
    public List<ProviderView> providers() {
        return providerRegister().values().stream()
                .map(p -> new ProviderView(p.id(), p.name(), p.kind(), p.members())).toList();
    }

    // ---- one CRC ---------------------------------------------------------------------------------

    @Override
    public Optional<CrcView> crc(String crcId) {
        return Optional.ofNullable(crcRegister().get(crcId)).map(crc -> crcView(crc, names()));
    }

    @Override
    public Optional<Timeline> crcTimeline(String crcId, TimelineFilter filter) {
        if (!crcRegister().containsKey(crcId)) {
            return Optional.empty();
        }
        ContractHistory history = history(crcId);
        Page page = new Page(filter);
        eachCrcPlacement(crcId, p -> page.offer(new Placed(p, providerOf(p, history), List.of(crcId))));
        return Optional.of(page.timeline(names()));
    }

    private CrcView crcView(Registration crc, Names names) {
        ContractHistory history = history(crc.id());
        List<ContractPeriod> contracts = history.holdings().stream().map(h -> period(h, names)).toList();
        String current = history.current().map(h -> h.providerId().value()).orElse(null);
        return new CrcView(crc.id(), crc.name(), crc.abbreviation(), current,
                current == null ? null : names.provider(current), contracts);
    }

    private static ContractPeriod period(Holding h, Names names) {
        String provider = h.providerId().value();
        return new ContractPeriod(provider, names.provider(provider), h.from(), h.until(), h.plannedEndOn(),
                value(h.startedBy()), value(h.endedBy()), h.endReason(), h);
    }

    // ---- one provider ----------------------------------------------------------------------------

    @Override
    public Optional<ProviderSummary> provider(String providerId) {
        Registration registration = providerRegister().get(providerId);
        if (registration == null) {
            return Optional.empty();
        }
        Names names = names();
        Map<String, Placement> providerDoc = selected(PROVIDER_TIMELINES, providerId);
        List<HeldCrc> now = new ArrayList<>();
        List<HeldCrc> before = new ArrayList<>();
        for (String crcId : heldCrcs(providerDoc)) {
            for (Holding h : history(crcId).holdings()) {
                if (providerId.equals(h.providerId().value())) {
                    HeldCrc held = new HeldCrc(crcId, names.crc(crcId), providerId, h.from(), h.until(),
                            h.plannedEndOn(), value(h.startedBy()), value(h.endedBy()), h.endReason());
                    (h.until() == null ? now : before).add(held);
                }
            }
        }
        ProviderTotals totals = new ProviderTotals(providerId);
        eachProviderItem(providerId, providerDoc, totals::add);
        List<LatestFinding> latest = new ArrayList<>();
        totals.latestFinding.forEach((crcId, item) -> latest.add(new LatestFinding(crcId, names.crc(crcId),
                item.entryId(), item.details().occurredOn(), ((InspectionFindingDetails) item.details()).rating())));
        return Optional.of(new ProviderSummary(providerId, registration.name(), registration.kind(),
                registration.members(), now, before, totals.posts, totals.withPosts, totals.percentageOnly,
                totals.byRating, latest));
    }

    /** What a provider's summary adds up over its timeline (retracted entries left out). */
    private static final class ProviderTotals {
        private final String providerId;
        private BigDecimal posts = BigDecimal.ZERO;
        private int withPosts;
        private int percentageOnly;
        private final Map<String, Integer> byRating = new TreeMap<>();
        private final Map<String, Placement> latestFinding = new TreeMap<>();

        ProviderTotals(String providerId) {
            this.providerId = providerId;
        }

        void add(Placed p) {
            Placement item = p.placement();
            if (item.status() == EntryStatus.RETRACTED) {
                return;
            }
            if (item.details() instanceof JobCutAnnouncementDetails cuts && providerId.equals(item.providerId())) {
                BigDecimal cut = cuts.postsCut();
                if (cut != null) {
                    posts = posts.add(cut);
                    withPosts++;
                } else if (cuts.percentageOnly()) {
                    percentageOnly++;
                }
            }
            if (item.details() instanceof InspectionFindingDetails finding) {
                byRating.merge(finding.rating().toString(), 1, Integer::sum);
                for (String crcId : p.crcIds()) {
                    Placement current = latestFinding.get(crcId);
                    if (current == null || timelineOrder(current) < timelineOrder(item)) {
                        latestFinding.put(crcId, item);
                    }
                }
            }
        }
    }

    @Override
    public Optional<Timeline> providerTimeline(String providerId, TimelineFilter filter) {
        if (!providerRegister().containsKey(providerId)) {
            return Optional.empty();
        }
        Page page = new Page(filter);
        eachProviderItem(providerId, selected(PROVIDER_TIMELINES, providerId), page::offer);
        return Optional.of(page.timeline(names()));
    }

    /**
     * A provider's timeline, an item at a time in no order: every entry on a CRC it held that falls
     * in its time there (placed on that provider by the CRC's contract history), and every award or
     * end that names it. An entry on several of its CRCs is one item naming them all.
     */
    private void eachProviderItem(String providerId, Map<String, Placement> providerDoc, Consumer<Placed> each) {
        // Only an entry on several CRCs (or on all) can be met twice: those wait here to be merged,
        // the rest are handed on as they are read, so a provider's history is never held whole.
        Map<String, Placed> onSeveral = new LinkedHashMap<>();
        Set<String> namingProviderMet = new HashSet<>();
        for (String crcId : heldCrcs(providerDoc)) {
            ContractHistory history = history(crcId);
            eachCrcPlacement(crcId, p -> {
                if (!providerId.equals(providerOf(p, history))) {
                    return;
                }
                Placed placed = new Placed(p, providerId, List.of(crcId));
                if (p.details().crcIds().size() == 1 && !p.details().coversAllCrcs()) {
                    if (providerDoc.containsKey(p.entryId())) {
                        namingProviderMet.add(p.entryId());
                    }
                    each.accept(placed);
                } else {
                    onSeveral.merge(p.entryId(), placed,
                            (a, b) -> new Placed(a.placement(), providerId, union(a.crcIds(), b.crcIds())));
                }
            });
        }
        onSeveral.values().forEach(each);
        // Entries naming the provider on a CRC it never held (a transfer's successor is named before
        // it holds anything) still belong on its timeline.
        for (Placement p : providerDoc.values()) {
            if (!namingProviderMet.contains(p.entryId()) && !onSeveral.containsKey(p.entryId())) {
                each.accept(new Placed(p, providerId, crcIds(p.details())));
            }
        }
    }

    /**
     * The CRCs a provider was ever awarded or transferred: those of the entries on its own document,
     * which holds only the contract entries naming it (see {@code LedgerProjection}).
     */
    private static Set<String> heldCrcs(Map<String, Placement> providerDoc) {
        Set<String> crcs = new TreeSet<>();
        for (Placement p : providerDoc.values()) {
            crcs.addAll(crcIds(p.details()));
        }
        return crcs;
    }

    // ---- one entry -------------------------------------------------------------------------------

    @Override
    public Optional<LedgerEntry> entry(String entryId) {
        Optional<StoredEntry> stored = model.entry(entryId, StoredEntry.class);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        List<StoredRevision> revisions = stored.get().asOf(asOf);
        if (revisions.isEmpty()) {
            return Optional.empty();
        }
        Names names = names();
        List<Revision> shown = new ArrayList<>();
        List<Long> withheldPositions = new ArrayList<>();
        int number = 0;
        EntryDetails stated = null;
        for (StoredRevision r : revisions) {
            Withholding withheld = r.withheld() != null && known(r.withheld().withheldAt()) ? r.withheld() : null;
            if (withheld != null) {
                withheldPositions.add(r.ledgerPosition());
            }
            boolean states = r.kind() != RevisionKind.RETRACTED;
            List<FieldChange> changes = r.kind() == RevisionKind.CORRECTED && stated != null
                    ? DetailsFields.changes(stated, r.details()) : null;
            shown.add(new Revision(++number, r.kind(), r.recordedAt(), r.recordedBy(), r.ledgerPosition(),
                    r.reason(), r.changedFields(), states ? r.details() : null,
                    states ? r.details().sources() : null,
                    states ? summary(r.details(), r.providerId(), names) : null, changes, withheld));
            if (states) {
                stated = r.details();
            }
        }
        withheldPositions.sort(null);
        StoredRevision first = revisions.get(0);
        StoredRevision current = revisions.get(revisions.size() - 1);
        EntryDetails details = current.details();
        String provider = current.providerId();
        return Optional.of(new LedgerEntry(stored.get().entryId(), stored.get().type(), details.occurredOn(),
                first.recordedAt(), first.recordedBy(), first.ledgerPosition(), provider,
                provider == null ? null : names.provider(provider), crcIds(details),
                summary(details, provider, names), StoredEntry.statusAfter(revisions), details.sources(), shown,
                withheldPositions, details));
    }

    // ---- shared ----------------------------------------------------------------------------------

    /** An entry placed on a timeline: on which provider, and through which CRCs. */
    private record Placed(Placement placement, String providerId, List<String> crcIds) {
    }

    /**
     * One page of a timeline, chosen as the items are read: it counts every item the filter accepts
     * and keeps only the earliest {@code offset + limit} in timeline order, so a page of a long
     * timeline holds a page's worth, not the timeline.
     */
    private static final class Page {
        private final TimelineFilter filter;
        private final long keep;
        /** The kept items, latest in timeline order first (the one to drop when an earlier one comes). */
        private final PriorityQueue<Placed> kept =
                new PriorityQueue<>(Comparator.comparingLong((Placed p) -> timelineOrder(p.placement())).reversed());
        private long total;

        Page(TimelineFilter filter) {
            this.filter = filter;
            this.keep = (long) filter.offset() + filter.limit();
        }

        void offer(Placed p) {
            if (!filter.accepts(p.placement().type(), p.placement().details().occurredOn(), p.providerId())) {
                return;
            }
            total++;
            if (kept.size() < keep) {
                kept.add(p);
            } else if (timelineOrder(p.placement()) < timelineOrder(kept.peek().placement())) {
                kept.poll();
                kept.add(p);
            }
        }

        Timeline timeline(Names names) {
            List<Placed> inOrder = new ArrayList<>(kept);
            inOrder.sort(Comparator.comparingLong(p -> timelineOrder(p.placement())));
            List<TimelineItem> items = new ArrayList<>();
            for (Placed p : inOrder.subList((int) Math.min(filter.offset(), inOrder.size()), inOrder.size())) {
                items.add(item(p.placement(), p.providerId(), names));
            }
            return new Timeline(items, Math.toIntExact(total), filter.offset(), filter.limit());
        }
    }

    private static TimelineItem item(Placement p, String providerId, Names names) {
        EntryDetails details = p.details();
        return new TimelineItem(p.entryId(), p.type(), details.occurredOn(), p.recordedAt(), p.recordedBy(),
                p.ledgerPosition(), providerId, providerId == null ? null : names.provider(providerId),
                crcIds(details), summary(details, providerId, names), p.status(), details.sources(), p.revisions(),
                details);
    }

    /** The provider an entry concerns: the one its events name, else whoever held the CRC that day. */
    private static String providerOf(Placement p, ContractHistory history) {
        if (p.providerId() != null) {
            return p.providerId();
        }
        return history.holderOn(p.details().occurredOn()).map(ProviderId::value).orElse(null);
    }

    /** Who held the CRC when, from its contract entries as the moment knows them (retracted ones left out). */
    private ContractHistory history(String crcId) {
        return (ContractHistory) read.computeIfAbsent("history/" + crcId,
                k -> history(crcId, selected(CRC_CONTRACTS, crcId).values()));
    }

    private static ContractHistory history(String crcId, java.util.Collection<Placement> placements) {
        List<Placement> inLedgerOrder = new ArrayList<>();
        for (Placement p : placements) {
            if (p.status() != EntryStatus.RETRACTED && ContractHistory.shapes(p.details())) {
                inLedgerOrder.add(p);
            }
        }
        inLedgerOrder.sort(Comparator.comparingLong(Placement::ledgerPosition));
        Map<EntryId, EntryDetails> entries = new LinkedHashMap<>();
        for (Placement p : inLedgerOrder) {
            entries.put(EntryId.of(p.entryId()), p.details());
        }
        return ContractHistory.of(CrcId.of(crcId), entries);
    }

    /**
     * The entries on a CRC's timeline at this moment, one at a time in no order: its own, and the
     * thematic ones about all CRCs that it has no placement of its own for. Read a part at a time.
     */
    private void eachCrcPlacement(String crcId, Consumer<Placement> each) {
        Map<String, Placement> thematic = selected(REGISTERS, LedgerProjection.THEMATIC_REGISTER);
        model.sharedInParts(CRC_TIMELINES, crcId, Placement.class, part -> part.forEach((key, versions) -> {
            Placement own = knownValue(versions);
            if (own != null) {
                thematic.remove(key);
                each.accept(own);
            }
        }));
        thematic.values().forEach(each);
    }

    /** The value of the latest of {@code versions} this moment knows, or null (none yet, or removed). */
    private <V> V knownValue(List<Version<V>> versions) {
        Version<V> version = versions == null ? null : Version.latest(versions, asOf);
        return version == null ? null : version.value();
    }

    /** A timeline's placements as this moment knows them; in no order (every answer sorts what it shows). */
    private Map<String, Placement> selected(String collection, String docId) {
        return selected(collection, docId, Placement.class, new HashMap<>());
    }

    /** The contributions of a shared document as this moment knows them (removed ones left out), by key. */
    private <V> Map<String, V> selected(String collection, String docId, Class<V> type, Map<String, V> selected) {
        model.shared(collection, docId, type).forEach((key, versions) -> {
            Version<V> version = Version.latest(versions, asOf);
            if (version != null && version.value() != null) {
                selected.put(key, version.value());
            }
        });
        return selected;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Registration> crcRegister() {
        return (Map<String, Registration>) read.computeIfAbsent("crcs",
                k -> selected(REGISTERS, LedgerProjection.CRC_REGISTER, Registration.class, new TreeMap<>()));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Registration> providerRegister() {
        return (Map<String, Registration>) read.computeIfAbsent("providers",
                k -> selected(REGISTERS, LedgerProjection.PROVIDER_REGISTER, Registration.class, new TreeMap<>()));
    }

    private Names names() {
        Map<String, String> providers = new HashMap<>();
        providerRegister().forEach((id, p) -> providers.put(id, p.name()));
        Map<String, String> crcs = new HashMap<>();
        crcRegister().forEach((id, c) -> crcs.put(id, c.name()));
        return Names.of(providers, crcs);
    }

    private boolean known(Instant at) {
        return asOf == null || !at.isAfter(asOf);
    }

    private static String summary(EntryDetails details, String providerId, Names names) {
        return details.summary(providerId == null ? null : ProviderId.of(providerId), names);
    }

    private static List<String> crcIds(EntryDetails details) {
        return details.crcIds().stream().map(CrcId::value).toList();
    }

    private static String value(EntryId id) {
        return id == null ? null : id.value();
    }

    private static List<String> union(List<String> a, List<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
