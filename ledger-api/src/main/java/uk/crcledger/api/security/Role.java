package uk.crcledger.api.security;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a token may do. Each role includes the ones before it: an admin may do all an editor may,
 * an editor all a recorder may (the {@code RoleHierarchy} in {@link SecurityConfiguration}).
 */
public enum Role {
    /** Records new facts (contract awards, job cuts, findings, ...). */
    RECORDER,
    /** Also registers CRCs and providers and corrects or retracts entries. */
    EDITOR,
    /** Also manages tokens. */
    ADMIN;

    /** The names accepted on the wire, for messages and validation. */
    public static final String PATTERN = "recorder|editor|admin";

    /** The name on the wire and in the store: {@code recorder}, {@code editor}, {@code admin}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Spring Security's authority for this role: {@code ROLE_RECORDER} and so on. */
    public GrantedAuthority authority() {
        return new SimpleGrantedAuthority("ROLE_" + name());
    }

    /** The role named {@code value} ({@code recorder}, {@code editor} or {@code admin}). */
    public static Optional<Role> of(String value) {
        return Arrays.stream(values()).filter(role -> role.value().equals(value)).findFirst();
    }
}
