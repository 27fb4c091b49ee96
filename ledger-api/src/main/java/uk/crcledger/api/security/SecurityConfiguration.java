package uk.crcledger.api.security;

import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import uk.crcledger.entry.EntryType;

import java.util.Arrays;

/**
 * Who may call what. Requests are authenticated by bearer token only (no sessions, no cookies, so
 * no CSRF protection is needed); each request's token is checked against the store.
 * <p>
 * The rules, first match wins:
 * <ol>
 *   <li>error dispatches, {@code /error}, {@code /actuator/health/**}, the API docs
 *       ({@code /v3/api-docs/**}, {@code /swagger-ui/**}, {@code /swagger-ui.html}): anyone;</li>
 *   <li>{@code /api/admin/**}, {@code POST /api/entries/*}{@code /withholdings} (withholding a payload): admin;</li>
 *   <li>{@code POST /api/crcs}, {@code POST /api/providers}: editor;</li>
 *   <li>{@code POST} to the recording endpoint of every entry type, named for its JSON name in the plural
 *       ({@code /api/contract-awards}, {@code /api/contract-ends}, {@code /api/contract-term-changes},
 *       {@code /api/job-cut-announcements}, {@code /api/inspection-findings}, {@code /api/incident-reports}):
 *       recorder;</li>
 *   <li>{@code POST /api/entries/*}{@code /corrections}, {@code POST /api/entries/*}{@code /retraction}: editor;</li>
 *   <li>{@code GET} and {@code HEAD} under {@code /api/**} and {@code /tlog/**} (the transparency log): anyone, or any token when
 *       {@code ledger.security.public-read=false};</li>
 *   <li>anything else under {@code /api/**} or {@code /tlog/**}: any token (so an unknown endpoint answers 401, not 404,
 *       to a request without one);</li>
 *   <li>everything else (the web page, static resources): anyone.</li>
 * </ol>
 * Roles nest (admin includes editor includes recorder) through the {@link RoleHierarchy}. A missing,
 * malformed, unknown or revoked token answers 401, a role too low 403, both as
 * {@code application/problem+json} ({@link ProblemResponses}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
@SecurityScheme(name = SecurityConfiguration.BEARER_SCHEME, type = SecuritySchemeType.HTTP, scheme = "bearer",
        bearerFormat = "<id>.<secret>",
        description = "A ledger token: 'Authorization: Bearer <id>.<secret>'. Recording needs the recorder role, "
                + "registering CRCs and providers and correcting or retracting entries the editor role, "
                + "managing tokens and withholding payloads the admin role.")
public class SecurityConfiguration {

    /** The OpenAPI security scheme's name, for {@code @SecurityRequirement(name = ...)}. */
    public static final String BEARER_SCHEME = "bearer";

    /** Each entry type is recorded at its JSON name in the plural, so a new kind needs no line here. */
    private static final String[] RECORDINGS = Arrays.stream(EntryType.values())
            .map(type -> "/api/" + type.jsonName() + "s").toArray(String[]::new);

    /**
     * The page and its assets run only the app's own scripts and styles (no inline code, no CDN), may not be framed,
     * and talk only to the app; the API answers carry the same policy.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

    /** Swagger UI (a third party's page) sets a few inline styles; its scripts stay the app's own. */
    static final String SWAGGER_UI_POLICY = CONTENT_SECURITY_POLICY.replace("style-src 'self'",
            "style-src 'self' 'unsafe-inline'");
    private static final RequestMatcher SWAGGER_UI = PathPatternRequestMatcher.withDefaults().matcher("/swagger-ui/**");

    /** admin > editor > recorder. Static so that it is ready before the security configuration. */
    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix()
                .role(Role.ADMIN.name()).implies(Role.EDITOR.name())
                .role(Role.EDITOR.name()).implies(Role.RECORDER.name())
                .build();
    }

    @Bean
    SecurityFilterChain ledgerSecurityFilterChain(HttpSecurity http, ApiTokenAuthenticationProvider tokens,
                                                  LedgerSecurityProperties properties) throws Exception {
        AuthenticationEntryPoint entryPoint = ProblemResponses.authenticationEntryPoint();
        boolean publicRead = properties.security().publicRead();

        AuthenticationFilter bearer = new AuthenticationFilter(new ProviderManager(tokens),
                new BearerTokenAuthenticationConverter());
        // Go on with the request (the default would redirect to a saved request); a bad token is a 401.
        bearer.setSuccessHandler((request, response, authentication) -> { });
        bearer.setFailureHandler(new AuthenticationEntryPointFailureHandler(entryPoint));

        return http
                .csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(headers -> headers
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(SWAGGER_UI,
                                new ContentSecurityPolicyHeaderWriter(SWAGGER_UI_POLICY)))
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(new NegatedRequestMatcher(SWAGGER_UI),
                                new ContentSecurityPolicyHeaderWriter(CONTENT_SECURITY_POLICY)))
                        .frameOptions(HeadersConfigurer.FrameOptionsConfig::deny)
                        .contentTypeOptions(Customizer.withDefaults())
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN)))
                .addFilterBefore(bearer, BasicAuthenticationFilter.class)
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(ProblemResponses.accessDeniedHandler()))
                .authorizeHttpRequests(requests -> {
                    requests.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                            .requestMatchers("/error", "/actuator/health/**").permitAll()
                            .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").permitAll()
                            .requestMatchers("/api/admin/**").hasRole(Role.ADMIN.name())
                            .requestMatchers(HttpMethod.POST, "/api/entries/*/withholdings").hasRole(Role.ADMIN.name())
                            .requestMatchers(HttpMethod.POST, "/api/crcs", "/api/providers").hasRole(Role.EDITOR.name())
                            .requestMatchers(HttpMethod.POST, RECORDINGS).hasRole(Role.RECORDER.name())
                            .requestMatchers("/api/imports", "/api/imports/**").hasRole(Role.RECORDER.name())
                            .requestMatchers(HttpMethod.POST, "/api/entries/*/corrections", "/api/entries/*/retraction")
                            .hasRole(Role.EDITOR.name());
                    for (HttpMethod read : new HttpMethod[] {HttpMethod.GET, HttpMethod.HEAD}) {
                        if (publicRead) {
                            requests.requestMatchers(read, "/api/**", "/tlog/**").permitAll();
                        } else {
                            requests.requestMatchers(read, "/api/**", "/tlog/**").authenticated();
                        }
                    }
                    requests.requestMatchers("/api/**", "/tlog/**").authenticated()
                            .anyRequest().permitAll();
                })
                .build();
    }
}
