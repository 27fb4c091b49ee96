package uk.crcledger.jobcut;

import uk.crcledger.entry.EntryId;
import uk.crcledger.entry.Percentage;
import uk.crcledger.entry.Posts;
import uk.crcledger.entry.Source;
import uk.crcledger.register.ProviderId;

import java.time.LocalDate;
import java.util.List;

/** Record that a provider announced job cuts in CRCs it held. Creates its own aggregate. */
public record RecordJobCutAnnouncement(EntryId entryId, ProviderId providerId, LocalDate announcedOn,
                                       List<AffectedCrc> crcs, Posts totalPosts, Percentage percentage,
                                       String description, List<Source> sources) {

    public JobCutAnnouncementDetails details() {
        return new JobCutAnnouncementDetails(providerId, announcedOn, crcs, totalPosts, percentage, description,
                sources);
    }
}
