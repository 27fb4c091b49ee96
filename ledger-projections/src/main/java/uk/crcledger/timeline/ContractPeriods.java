package uk.crcledger.timeline;

import org.bson.Document;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Who held a CRC when, derived from its contract entries as a timeline shows them (retracted ones
 * left out): an award opens a period, an end closes it, a transfer opens the successor's period on
 * the same day with the same planned end, a term change moves the planned end of the period running
 * on its announcement date. Mirrors the command side's rule that a contract is held until an end is
 * recorded.
 *
 * @param periods in date order
 */
public record ContractPeriods(List<Period> periods) {

    /**
     * One provider's hold on a CRC.
     *
     * @param endedOn null while it runs
     */
    public record Period(String providerId, String startsOn, String endedOn, String plannedEndOn, String awardEntryId,
                         String endEntryId, String endReason) {

        boolean covers(String date) {
            return startsOn.compareTo(date) <= 0 && (endedOn == null || date.compareTo(endedOn) < 0);
        }

        Document toDocument() {
            return new Document("providerId", providerId).append("startsOn", startsOn).append("endedOn", endedOn)
                    .append("plannedEndOn", plannedEndOn).append("awardEntryId", awardEntryId)
                    .append("endEntryId", endEntryId).append("endReason", endReason);
        }
    }

    /** From the live contributions of a CRC's timeline (any order). */
    public static ContractPeriods of(List<Document> items) {
        List<Document> events = new ArrayList<>();
        for (Document item : items) {
            String type = item.getString("type");
            if (!"retracted".equals(item.getString("status")) && type != null && LedgerProjection.isContract(type)) {
                events.add(item);
            }
        }
        // By date; on one day an end comes first, then an award, then a term change (which moves the
        // planned end of what runs that day); the ledger position breaks ties.
        events.sort(Comparator.comparing(ContractPeriods::effectiveOn)
                .thenComparing(i -> switch (i.getString("type")) {
                    case "contract-end" -> 0;
                    case "contract-award" -> 1;
                    default -> 2;
                })
                .thenComparing(i -> i.getLong("ledgerPosition")));
        List<Period> periods = new ArrayList<>();
        for (Document item : events) {
            Document fields = item.get("fields", Document.class);
            Period open = periods.isEmpty() ? null : periods.get(periods.size() - 1);
            boolean running = open != null && open.endedOn() == null;
            switch (item.getString("type")) {
                case "contract-award" -> periods.add(new Period(item.getString("providerId"),
                        fields.getString("startsOn"), null, fields.getString("plannedEndOn"),
                        item.getString("entryId"), null, null));
                case "contract-end" -> {
                    if (running) {
                        String endedOn = fields.getString("endedOn");
                        periods.set(periods.size() - 1, new Period(open.providerId(), open.startsOn(), endedOn,
                                open.plannedEndOn(), open.awardEntryId(), item.getString("entryId"),
                                fields.getString("reason")));
                        String successor = fields.getString("successorProviderId");
                        if (successor != null) {
                            periods.add(new Period(successor, endedOn, null, open.plannedEndOn(),
                                    item.getString("entryId"), null, null));
                        }
                    }
                }
                default -> {
                    // A term change moves the planned end of what runs on the day it is announced.
                    for (int i = 0; i < periods.size(); i++) {
                        Period p = periods.get(i);
                        if (p.covers(fields.getString("announcedOn"))) {
                            periods.set(i, new Period(p.providerId(), p.startsOn(), p.endedOn(),
                                    fields.getString("newPlannedEndOn"), p.awardEntryId(), p.endEntryId(),
                                    p.endReason()));
                        }
                    }
                }
            }
        }
        return new ContractPeriods(List.copyOf(periods));
    }

    private static String effectiveOn(Document item) {
        Document fields = item.get("fields", Document.class);
        return switch (item.getString("type")) {
            case "contract-award" -> fields.getString("startsOn");
            case "contract-end" -> fields.getString("endedOn");
            default -> fields.getString("announcedOn");
        };
    }

    /** The provider holding the CRC on {@code date}, if any. */
    public Optional<String> holderOn(String date) {
        for (Period period : periods) {
            if (period.covers(date)) {
                return Optional.of(period.providerId());
            }
        }
        return Optional.empty();
    }

    /** The provider holding it now: the period still running. */
    public Optional<String> current() {
        return periods.isEmpty() || periods.get(periods.size() - 1).endedOn() != null ? Optional.empty()
                : Optional.of(periods.get(periods.size() - 1).providerId());
    }

    public List<Document> toDocuments() {
        return periods.stream().map(Period::toDocument).toList();
    }
}
