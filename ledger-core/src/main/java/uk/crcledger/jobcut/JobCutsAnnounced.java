package uk.crcledger.jobcut;

import uk.crcledger.entry.EntryId;
import uk.crcledger.entry.EntryRecorded;
import uk.crcledger.entry.Percentage;
import uk.crcledger.entry.Posts;
import uk.crcledger.entry.RecordedBy;
import uk.crcledger.entry.Source;
import uk.crcledger.register.ProviderId;

import java.time.LocalDate;
import java.util.List;

/** A provider announced job cuts in the listed CRCs, which it held on {@code announcedOn}. */
public record JobCutsAnnounced(EntryId entryId, ProviderId providerId, LocalDate announcedOn,
                               List<AffectedCrc> crcs, Posts totalPosts, Percentage percentage, String description,
                               List<Source> sources, RecordedBy recordedBy) implements EntryRecorded {

    public JobCutsAnnounced {
        crcs = crcs == null ? List.of() : List.copyOf(crcs);
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    public static JobCutsAnnounced of(EntryId entryId, JobCutAnnouncementDetails details, RecordedBy recordedBy) {
        return new JobCutsAnnounced(entryId, details.providerId(), details.announcedOn(), details.crcs(),
                details.totalPosts(), details.percentage(), details.description(), details.sources(), recordedBy);
    }

    @Override
    public JobCutAnnouncementDetails details() {
        return new JobCutAnnouncementDetails(providerId, announcedOn, crcs, totalPosts, percentage, description,
                sources);
    }
}
