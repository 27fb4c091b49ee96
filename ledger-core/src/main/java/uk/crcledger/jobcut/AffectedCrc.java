package uk.crcledger.jobcut;

import uk.crcledger.entry.Percentage;
import uk.crcledger.entry.Posts;
import uk.crcledger.register.CrcId;

/**
 * A CRC named in a job-cut announcement, with its share of the cut where reported ("South Yorkshire 184.6 posts
 * (36%)"); both figures are optional.
 */
public record AffectedCrc(CrcId crcId, Posts posts, Percentage percentage) {

    public AffectedCrc {
        if (crcId == null) {
            throw new IllegalArgumentException("an affected CRC needs a crcId");
        }
    }

    public static AffectedCrc of(CrcId crcId) {
        return new AffectedCrc(crcId, null, null);
    }

    public static AffectedCrc of(CrcId crcId, Posts posts) {
        return new AffectedCrc(crcId, posts, null);
    }
}
