package uk.crcledger.timeline;

import org.axonframework.eventhandling.EventMessage;
import uk.crcledger.contract.ContractEndDetails;
import uk.crcledger.contract.ContractHistory;
import uk.crcledger.correction.EntryCorrected;
import uk.crcledger.correction.EntryRetracted;
import uk.crcledger.crc.CrcRegistered;
import uk.crcledger.entry.EntryDetails;
import uk.crcledger.entry.EntryId;
import uk.crcledger.entry.EntryRecorded;
import uk.crcledger.projection.ModelWriter;
import uk.crcledger.projection.Version;
import uk.crcledger.provider.ProviderRegistered;
import uk.crcledger.register.CrcId;
import uk.crcledger.register.ProviderId;
import uk.crcledger.withholding.PayloadWithheld;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static uk.crcledger.projection.ReadModelCollections.CRC_CONTRACTS;
import static uk.crcledger.projection.ReadModelCollections.CRC_TIMELINES;
import static uk.crcledger.projection.ReadModelCollections.PROVIDER_TIMELINES;
import static uk.crcledger.projection.ReadModelCollections.REGISTERS;

/**
 * The ledger's read model, written from events alone: one document per entry with all its
 * revisions, and each entry's placements on the timelines of the CRCs and providers it names.
 * <p>
 * Nothing is overwritten: an entry keeps every revision, and a timeline keeps every version of an
 * entry's placement (a correction that moves an entry off a CRC adds an empty version there). What
 * the ledger said at an instant is therefore a selection over what is stored (see
 * {@link TimelineQueries}), and the live answer is the same selection at "now".
 * <p>
 * What depends on several entries (who held a CRC on a date, and so which provider a finding
 * concerns; a provider's totals) is derived when a query reads the placements, not stored: the
 * stored documents then depend only on each entry's own events, which is what lets segments run in
 * parallel and a rebuild come out identical.
 */
public final class LedgerProjection {

    /** Registers: documents in {@code registers} naming every CRC, provider and all-CRC entry. */
    public static final String CRC_REGISTER = "crcs";
    public static final String PROVIDER_REGISTER = "providers";
    public static final String THEMATIC_REGISTER = "thematic";

    private LedgerProjection() {
    }

    /** Applies one event at its ledger position; events already applied are ignored. */
    public static void apply(EventMessage<?> event, long position, ModelWriter model) {
        Object payload = event.getPayload();
        Instant at = event.getTimestamp();
        if (payload instanceof CrcRegistered registered) {
            String id = registered.crcId().value();
            register(model, CRC_REGISTER, id, position, at, new Registration(id, registered.name(),
                    registered.abbreviation(), null, null, at, registered.recordedBy().name(), position));
        } else if (payload instanceof ProviderRegistered registered) {
            String id = registered.providerId().value();
            register(model, PROVIDER_REGISTER, id, position, at, new Registration(id, registered.name(), null,
                    registered.kind(), registered.members(), at, registered.recordedBy().name(), position));
        } else if (payload instanceof EntryCorrected corrected) {
            revised(model, corrected.entryId(), position, at, current -> {
                EntryDetails details = corrected.correctedDetails();
                String providerId = namedProvider(details) != null ? namedProvider(details) : current.providerId();
                return new StoredRevision(RevisionKind.CORRECTED, position, at, corrected.recordedBy().name(),
                        corrected.reason(), corrected.changedFields(), details, providerId, null);
            });
        } else if (payload instanceof EntryRetracted retracted) {
            revised(model, retracted.entryId(), position, at, current -> new StoredRevision(RevisionKind.RETRACTED,
                    position, at, retracted.recordedBy().name(), retracted.reason(), null, current.details(),
                    current.providerId(), null));
        } else if (payload instanceof PayloadWithheld withheld) {
            withheld(model, withheld, position, at);
        } else if (payload instanceof EntryRecorded recorded) {
            recorded(model, recorded, position, at);
        }
    }

    private static String namedProvider(EntryDetails details) {
        return details.namedProvider().map(ProviderId::value).orElse(null);
    }

    private static void register(ModelWriter model, String register, String id, long position, Instant at,
                                 Registration registration) {
        model.contribute(REGISTERS, register, id, id, new Version<>(position, at, registration));
    }

    private static void recorded(ModelWriter model, EntryRecorded recording, long position, Instant at) {
        // Not read first: a recording event is an entry's first, so it can only meet its document
        // again when a batch is replayed after a crash, and then the batch's later events of that
        // entry are replayed after it too; placements keep their later versions meanwhile.
        StoredRevision revision = new StoredRevision(RevisionKind.RECORDED, position, at,
                recording.recordedBy().name(), null, null, recording.details(),
                recording.concernedProvider().map(ProviderId::value).orElse(null), null);
        StoredEntry entry = new StoredEntry(recording.entryId().value(), recording.details().type(),
                List.of(revision), position);
        model.createEntry(entry.entryId(), entry, position);
        spread(model, null, entry, position, at);
    }

    private interface Revising {
        StoredRevision next(StoredRevision current);
    }

    private static void revised(ModelWriter model, EntryId entryId, long position, Instant at, Revising revising) {
        StoredEntry entry = model.currentEntry(entryId.value(), StoredEntry.class);
        if (entry == null || entry.lastPosition() >= position) {
            return; // not recorded (cannot happen in a whole ledger) or already applied
        }
        StoredEntry revised = entry.revised(revising.next(entry.current()));
        model.saveEntry(revised.entryId(), revised, position);
        spread(model, entry, revised, position, at);
    }

    /**
     * Marks the revision whose event's payload is withheld. The read views only mark it: what
     * withholds is the payload endpoint ({@code GET /tlog/payloads/{position}} answers 451), while the
     * revision's content stays in the read model. The withholding is not a revision, and no timeline
     * shows it, so nothing is spread.
     */
    private static void withheld(ModelWriter model, PayloadWithheld withheld, long position, Instant at) {
        StoredEntry entry = model.currentEntry(withheld.entryId().value(), StoredEntry.class);
        if (entry == null || entry.lastPosition() >= position) {
            return; // not recorded (the API checks it is) or already applied
        }
        Withholding withholding = new Withholding(withheld.reason(), withheld.reference(), at,
                withheld.recordedBy().name(), position);
        List<StoredRevision> revisions = new ArrayList<>();
        for (StoredRevision revision : entry.revisions()) {
            revisions.add(revision.ledgerPosition() == withheld.position() ? revision.withheld(withholding)
                    : revision);
        }
        // Applied either way, so a replayed batch leaves the entry as it is.
        StoredEntry marked = entry.withRevisions(revisions, position);
        model.saveEntry(marked.entryId(), marked, position);
    }

    /**
     * Adds a version of the entry's placement to every timeline it is on now, and an empty version to
     * every one it has left (a correction can change the CRCs or the provider).
     */
    private static void spread(ModelWriter model, StoredEntry before, StoredEntry entry, long position,
                               Instant at) {
        StoredRevision first = entry.revisions().get(0);
        StoredRevision current = entry.current();
        Placement placement = new Placement(entry.entryId(), entry.type(), StoredEntry.statusAfter(entry.revisions()),
                current.details(), current.providerId(), first.recordedAt(), first.recordedBy(),
                first.ledgerPosition(), entry.revisions().size());
        String sequence = entry.entryId();
        String key = sequence;
        Version<Placement> placed = new Version<>(position, at, placement);
        Version<Placement> removed = new Version<>(position, at, null);

        Set<String> crcsNow = crcIds(current.details());
        Set<String> crcsBefore = before == null ? Set.of() : crcIds(before.current().details());
        for (String crc : crcsNow) {
            model.contribute(CRC_TIMELINES, crc, sequence, key, placed);
        }
        for (String crc : crcsBefore) {
            if (!crcsNow.contains(crc)) {
                model.contribute(CRC_TIMELINES, crc, sequence, key, removed);
            }
        }
        // A CRC's contract entries again on their own, so that who held it when is derived without
        // reading its whole timeline (every list of CRCs and every provider answer asks it).
        Set<String> contractsNow = ContractHistory.shapes(current.details()) ? crcsNow : Set.of();
        Set<String> contractsBefore = before != null && ContractHistory.shapes(before.current().details())
                ? crcsBefore : Set.of();
        for (String crc : contractsNow) {
            model.contribute(CRC_CONTRACTS, crc, sequence, key, placed);
        }
        for (String crc : contractsBefore) {
            if (!contractsNow.contains(crc)) {
                model.contribute(CRC_CONTRACTS, crc, sequence, key, removed);
            }
        }
        // Provider documents keep only the entries that say who held what (awards and ends, with a
        // transfer's successor): every other entry reaches a provider's timeline through the
        // documents of the CRCs it held.
        Set<String> providersNow = holdersNamed(current);
        Set<String> providersBefore = before == null ? Set.of() : holdersNamed(before.current());
        for (String provider : providersNow) {
            model.contribute(PROVIDER_TIMELINES, provider, sequence, key, placed);
        }
        for (String provider : providersBefore) {
            if (!providersNow.contains(provider)) {
                model.contribute(PROVIDER_TIMELINES, provider, sequence, key, removed);
            }
        }
        boolean allNow = current.details().coversAllCrcs();
        boolean allBefore = before != null && before.current().details().coversAllCrcs();
        if (allNow || allBefore) {
            model.contribute(REGISTERS, THEMATIC_REGISTER, sequence, key, allNow ? placed : removed);
        }
    }

    private static Set<String> crcIds(EntryDetails details) {
        Set<String> ids = new LinkedHashSet<>();
        for (CrcId crcId : details.crcIds()) {
            ids.add(crcId.value());
        }
        return ids;
    }

    /** The providers an award or end names as holders: its provider and, for a transfer, the successor. */
    private static Set<String> holdersNamed(StoredRevision revision) {
        Set<String> providers = new LinkedHashSet<>();
        if (!ContractHistory.shapes(revision.details())) {
            return providers; // a job cut names its provider too, but says nothing of who held what
        }
        if (revision.providerId() != null) {
            providers.add(revision.providerId());
        }
        if (revision.details() instanceof ContractEndDetails end && end.successorProviderId() != null) {
            providers.add(end.successorProviderId().value());
        }
        return providers;
    }
}
