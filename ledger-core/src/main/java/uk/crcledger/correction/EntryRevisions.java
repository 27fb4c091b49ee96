package uk.crcledger.correction;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import uk.crcledger.contract.ContractTermChange;
import uk.crcledger.contract.Crc;
import uk.crcledger.entry.ContractRegister;
import uk.crcledger.entry.EntryDirectory;
import uk.crcledger.entry.EntryId;
import uk.crcledger.entry.EntryOwner;
import uk.crcledger.entry.EntryRules;
import uk.crcledger.entry.EntryType;
import uk.crcledger.entry.RecordedBy;
import uk.crcledger.entry.UnknownReferenceException;
import uk.crcledger.inspection.InspectionFinding;
import uk.crcledger.jobcut.JobCutAnnouncement;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Handles {@link CorrectEntry} and {@link RetractEntry}. They carry only an entry id, while contract entries live
 * in their CRC's stream, so this external handler asks the {@link EntryDirectory} which aggregate holds the entry,
 * loads it from that aggregate type's repository and lets the aggregate revise it. The rules are the aggregate's.
 *
 * <p>Register it as a command handler with the Axon configuration; {@link ContractRegister} is resolved as a
 * handler parameter like in the aggregates.
 */
public class EntryRevisions {

    private final EntryDirectory directory;
    private final Map<EntryType, Repository<? extends Revisable>> repositories;

    public EntryRevisions(EntryDirectory directory, Repository<Crc> crcs,
                          Repository<ContractTermChange> termChanges,
                          Repository<JobCutAnnouncement> jobCutAnnouncements,
                          Repository<InspectionFinding> inspectionFindings) {
        this(builder(directory)
                .crcs(Objects.requireNonNull(crcs, "crcs"))
                .termChanges(Objects.requireNonNull(termChanges, "termChanges"))
                .jobCutAnnouncements(Objects.requireNonNull(jobCutAnnouncements, "jobCutAnnouncements"))
                .inspectionFindings(Objects.requireNonNull(inspectionFindings, "inspectionFindings")));
    }

    private EntryRevisions(Builder builder) {
        this.directory = Objects.requireNonNull(builder.directory, "directory");
        this.repositories = new EnumMap<>(builder.repositories);
    }

    /** For tests that wire only some aggregate types, such as a fixture of one aggregate. */
    public static Builder builder(EntryDirectory directory) {
        return new Builder(directory);
    }

    @CommandHandler
    public void handle(CorrectEntry command, @MetaDataValue(RecordedBy.METADATA_KEY) String recordedBy,
                       ContractRegister register) {
        RecordedBy by = RecordedBy.fromMetaData(recordedBy);
        holderOf(command.entryId()).execute(entries -> entries.correct(command, by, register));
    }

    @CommandHandler
    public void handle(RetractEntry command, @MetaDataValue(RecordedBy.METADATA_KEY) String recordedBy,
                       ContractRegister register) {
        RecordedBy by = RecordedBy.fromMetaData(recordedBy);
        holderOf(command.entryId()).execute(entries -> entries.retract(command, by, register));
    }

    private Aggregate<? extends Revisable> holderOf(EntryId entryId) {
        EntryRules.require("entryId", entryId);
        EntryOwner owner = directory.ownerOf(entryId).orElseThrow(() -> unknown(entryId));
        Repository<? extends Revisable> repository = repositories.get(owner.entryType());
        if (repository == null) {
            throw new IllegalStateException("no repository configured for " + owner.entryType() + " entries");
        }
        try {
            return repository.load(owner.aggregateId());
        } catch (AggregateNotFoundException e) {
            // A directory entry left by a command that failed after registering it: the entry was never recorded.
            throw unknown(entryId);
        }
    }

    private static UnknownReferenceException unknown(EntryId entryId) {
        return new UnknownReferenceException("unknown entry " + entryId);
    }

    public static final class Builder {

        private final EntryDirectory directory;
        private final Map<EntryType, Repository<? extends Revisable>> repositories = new EnumMap<>(EntryType.class);

        private Builder(EntryDirectory directory) {
            this.directory = directory;
        }

        /** Contract awards and ends live in their CRC's stream. */
        public Builder crcs(Repository<Crc> crcs) {
            repositories.put(EntryType.CONTRACT_AWARD, crcs);
            repositories.put(EntryType.CONTRACT_END, crcs);
            return this;
        }

        public Builder termChanges(Repository<ContractTermChange> termChanges) {
            repositories.put(EntryType.CONTRACT_TERM_CHANGE, termChanges);
            return this;
        }

        public Builder jobCutAnnouncements(Repository<JobCutAnnouncement> jobCutAnnouncements) {
            repositories.put(EntryType.JOB_CUT_ANNOUNCEMENT, jobCutAnnouncements);
            return this;
        }

        public Builder inspectionFindings(Repository<InspectionFinding> inspectionFindings) {
            repositories.put(EntryType.INSPECTION_FINDING, inspectionFindings);
            return this;
        }

        public EntryRevisions build() {
            return new EntryRevisions(this);
        }
    }
}
