package uk.crcledger.api.seed;

/**
 * What one seeding run did.
 *
 * @param recorded     commands the ledger accepted in this run
 * @param alreadyThere commands refused because their CRC, provider or entry was there already
 * @param stoppedAt    the command seeding stopped at (e.g. "entry award-2014-12-18-essex"), null when it finished
 * @param error        why it stopped, null when it finished
 */
public record SeedOutcome(int recorded, int alreadyThere, String stoppedAt, String error) {

    public boolean finished() {
        return stoppedAt == null;
    }

    /** The line the seeder logs, e.g. "Reference data: 88 recorded, 0 already there". */
    public String summary() {
        String summary = "Reference data: " + recorded + " recorded, " + alreadyThere + " already there";
        return finished() ? summary : summary + "; stopped at " + stoppedAt + ": " + error;
    }
}
