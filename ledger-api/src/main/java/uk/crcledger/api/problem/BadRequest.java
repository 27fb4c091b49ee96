package uk.crcledger.api.problem;

/** A request value the API cannot use, naming the field (query parameter or body property) at fault. */
public class BadRequest extends RuntimeException {

    private final String field;

    public BadRequest(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    /** Builds a value from request input, turning the value type's refusal into a 400 naming the field. */
    public static <T> T parse(String field, java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (BadRequest e) {
            throw e;
        } catch (RuntimeException e) {
            throw new BadRequest(field, field + ": " + (e.getMessage() == null ? "invalid value" : e.getMessage()));
        }
    }
}
