package uk.crcledger.api.problem;

import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The answers the HTTP tests cannot provoke on one instance (there, commands on one aggregate are
 * serialised): a concurrent change stored first by another instance is 409, a read model being
 * rebuilt in a new layout is 503 with Retry-After, and an unexpected failure is a 500 that says
 * nothing about the inside.
 */
class ProblemHandlingTest {

    @RestController
    static class Failing {
        @GetMapping("/concurrent")
        void concurrent() {
            throw new ConcurrencyException("sequence number 7 is already stored");
        }

        @GetMapping("/rebuilding")
        void rebuilding() {
            throw new uk.crcledger.timeline.ReadModelUnavailableException("The read model is being rebuilt");
        }

        @GetMapping("/broken")
        void broken() {
            throw new NullPointerException("secret internals");
        }
    }

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Failing())
            .setControllerAdvice(new ProblemHandling()).build();

    @Test
    void answersAConcurrentChangeWith409() throws Exception {
        mvc.perform(get("/concurrent"))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.title").value("Changed concurrently"));
    }

    @Test
    void answersAReadModelThatCannotAnswerYetWith503AndWhenToComeBack() throws Exception {
        mvc.perform(get("/rebuilding"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "5"))
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.detail").value("The read model is being rebuilt"));
    }

    @Test
    void answersAnUnexpectedFailureWithoutInternals() throws Exception {
        mvc.perform(get("/broken"))
                .andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.detail").value("The ledger could not answer; the failure is logged"));
    }
}
