package uk.crcledger.contract;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import uk.crcledger.correction.CorrectEntry;
import uk.crcledger.correction.EntryCorrected;
import uk.crcledger.correction.EntryRetracted;
import uk.crcledger.correction.RetractEntry;
import uk.crcledger.correction.Revisable;
import uk.crcledger.crc.CrcRegistered;
import uk.crcledger.crc.RegisterCrc;
import uk.crcledger.entry.AlreadyRecordedException;
import uk.crcledger.entry.Changes;
import uk.crcledger.entry.ContractRegister;
import uk.crcledger.entry.EntryDetails;
import uk.crcledger.entry.EntryDirectory;
import uk.crcledger.entry.EntryId;
import uk.crcledger.entry.EntryRules;
import uk.crcledger.entry.InvalidEntryException;
import uk.crcledger.entry.LedgerClock;
import uk.crcledger.entry.RecordedBy;
import uk.crcledger.entry.UnknownReferenceException;
import uk.crcledger.register.CrcId;
import uk.crcledger.register.ProviderId;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A CRC and its contract history: registration, contract awards and contract ends (including transfers).
 *
 * <p>Why contracts live here: "one holder per CRC at a time" is an invariant of one CRC. Keeping the CRC's awards
 * and ends in its one stream makes that rule consistent without transactions across aggregates: two conflicting
 * awards for one CRC are serialised by the stream. For the same reason this aggregate corrects and retracts its
 * contract entries itself (they are kept by entry id), deriving the whole {@link ContractHistory} again from the
 * revised entries before accepting a revision.
 *
 * <p>Contract commands use {@code CREATE_IF_MISSING} so that a command for an unregistered CRC reaches this class
 * and is refused with "unknown CRC ..." instead of a generic "aggregate not found"; nothing is stored then.
 */
public class Crc implements Revisable {

    @AggregateIdentifier
    private CrcId crcId;
    private String name;
    /** Awards and ends by entry id, in the order recorded, including retracted ones (kept for their messages). */
    private final Map<EntryId, EntryDetails> contractEntries = new LinkedHashMap<>();
    private final Map<EntryId, LocalDate> retractedOn = new HashMap<>();
    /** Derived from the live entries after every event; never changed by a command handler. */
    private ContractHistory history = ContractHistory.empty();

    protected Crc() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RegisterCrc command, @MetaDataValue(RecordedBy.METADATA_KEY) String recordedBy) {
        if (crcId != null) {
            throw new AlreadyRecordedException("CRC " + crcId + " is already registered");
        }
        RecordedBy by = RecordedBy.fromMetaData(recordedBy);
        EntryRules.require("crcId", command.crcId());
        String name = EntryRules.requireText("name", command.name()).strip();
        apply(new CrcRegistered(command.crcId(), name, EntryRules.blankToNull(command.abbreviation()), by));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RecordContractAward command, @MetaDataValue(RecordedBy.METADATA_KEY) String recordedBy,
                       ContractRegister register) {
        requireRegistered(command.crcId());
        RecordedBy by = RecordedBy.fromMetaData(recordedBy);
        EntryId entryId = requireNewEntry(command.entryId());
        ContractAwardDetails award = command.details();
        checkAgainstLedger(award, register);
        historyWith(entryId, award).requireConsistent("");
        apply(ContractAwarded.of(entryId, award, by));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RecordContractEnd command, @MetaDataValue(RecordedBy.METADATA_KEY) String recordedBy,
                       ContractRegister register) {
        requireRegistered(command.crcId());
        RecordedBy by = RecordedBy.fromMetaData(recordedBy);
        EntryId entryId = requireNewEntry(command.entryId());
        ContractEndDetails end = command.details();
        checkAgainstLedger(end, register);
        ContractHistory after = historyWith(entryId, end).requireConsistent("");
        ProviderId endedHolder = after.endedBy(entryId).orElseThrow().providerId();
        apply(ContractEnded.of(entryId, endedHolder, end, by));
    }

    @Override
    public void correct(CorrectEntry command, RecordedBy recordedBy, ContractRegister register) {
        EntryId entryId = command.entryId();
        EntryDetails current = liveEntry(entryId, "corrected");
        String reason = EntryRules.requireReason(command.reason(), "correction");
        Changes changes = current.changesFrom(command.changes());
        EntryDetails corrected = current.correctedWith(changes);
        if (corrected.equals(current)) {
            throw new InvalidEntryException("the changes leave entry " + entryId + " as it was");
        }
        checkAgainstLedger(corrected, register);
        historyWith(entryId, corrected).requireConsistent("with correction of entry " + entryId + ": ");
        apply(new EntryCorrected(entryId, current.type(), corrected, changes.fieldNames(), reason, recordedBy,
                LedgerClock.today()));
    }

    @Override
    public void retract(RetractEntry command, RecordedBy recordedBy, ContractRegister register) {
        EntryId entryId = command.entryId();
        EntryDetails current = liveEntry(entryId, "retracted");
        String reason = EntryRules.requireReason(command.reason(), "retraction");
        Map<EntryId, EntryDetails> remaining = liveEntries();
        remaining.remove(entryId);
        ContractHistory.of(crcId, remaining)
                .requireConsistent("retracting entry " + entryId + " would leave an inconsistent history: ");
        apply(new EntryRetracted(entryId, current.type(), reason, recordedBy, LedgerClock.today()));
    }

    @EventSourcingHandler
    void on(CrcRegistered event) {
        this.crcId = event.crcId();
        this.name = event.name();
    }

    @EventSourcingHandler
    void on(ContractAwarded event) {
        contractEntries.put(event.entryId(), event.details());
        deriveHistory();
    }

    @EventSourcingHandler
    void on(ContractEnded event) {
        contractEntries.put(event.entryId(), event.details());
        deriveHistory();
    }

    @EventSourcingHandler
    void on(EntryCorrected event) {
        contractEntries.replace(event.entryId(), event.correctedDetails());
        deriveHistory();
    }

    @EventSourcingHandler
    void on(EntryRetracted event) {
        retractedOn.put(event.entryId(), event.retractedOn());
        deriveHistory();
    }

    /** Called by every event sourcing handler that changes the entries, and only by them. */
    private void deriveHistory() {
        history = ContractHistory.of(crcId, liveEntries());
    }

    /** Who held this CRC on {@code date}; read by the {@code ReplicatedContractRegister}'s copies. */
    public Optional<ProviderId> holderOn(LocalDate date) {
        return history.holderOn(date);
    }

    public ContractHistory history() {
        return history;
    }

    public CrcId crcId() {
        return crcId;
    }

    public String name() {
        return name;
    }

    private void requireRegistered(CrcId commanded) {
        if (crcId == null) {
            throw new UnknownReferenceException("unknown CRC " + commanded + ": register it first");
        }
    }

    private EntryId requireNewEntry(EntryId entryId) {
        EntryRules.require("entryId", entryId);
        if (contractEntries.containsKey(entryId)) {
            throw EntryDirectory.alreadyExists(entryId);
        }
        return entryId;
    }

    private EntryDetails liveEntry(EntryId entryId, String action) {
        EntryDetails current = contractEntries.get(entryId);
        if (current == null) {
            throw new UnknownReferenceException("unknown entry " + entryId);
        }
        EntryRules.requireNotRetracted(entryId, retractedOn.get(entryId), action);
        return current;
    }

    /** The checks an award or end makes beyond the holding rule: its own rules, and the providers it names. */
    private static void checkAgainstLedger(EntryDetails details, ContractRegister register) {
        details.check(LedgerClock.today());
        if (details instanceof ContractAwardDetails award) {
            register.requireProvider(award.providerId());
        } else if (details instanceof ContractEndDetails end && end.successorProviderId() != null) {
            register.requireProvider(end.successorProviderId());
        }
    }

    private ContractHistory historyWith(EntryId entryId, EntryDetails details) {
        Map<EntryId, EntryDetails> entries = liveEntries();
        entries.put(entryId, details);
        return ContractHistory.of(crcId, entries);
    }

    private Map<EntryId, EntryDetails> liveEntries() {
        Map<EntryId, EntryDetails> live = new LinkedHashMap<>(contractEntries);
        live.keySet().removeAll(retractedOn.keySet());
        return live;
    }
}
