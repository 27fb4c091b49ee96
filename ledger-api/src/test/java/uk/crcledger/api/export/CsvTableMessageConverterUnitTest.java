package uk.crcledger.api.export;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.MockHttpOutputMessage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CsvTableMessageConverterUnitTest {

    private static final CsvTable TABLE = new CsvTable(List.of("summary", "sources"), List.of(
            List.of("=HYPERLINK(\"http://x\")", "a, b"),
            List.of("-10 posts", "£2m — \"quoted\"\nsecond line"),
            List.of("+1", "@SUM(A1)")));

    @Test
    void writesRfc4180WithCrlfAByteOrderMarkAndNoFormulas() throws IOException {
        MockHttpOutputMessage output = new MockHttpOutputMessage();
        new CsvTableMessageConverter().write(TABLE, null, output);

        byte[] bytes = output.getBodyAsBytes();
        assertThat(bytes).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
        assertThat(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8)).isEqualTo(
                "summary,sources\r\n"
                        + "\"'=HYPERLINK(\"\"http://x\"\")\",\"a, b\"\r\n"
                        + "'-10 posts,\"£2m — \"\"quoted\"\"\nsecond line\"\r\n"
                        + "'+1,'@SUM(A1)\r\n");
        assertThat(output.getHeaders().getContentType().toString()).isEqualTo("text/csv;charset=UTF-8");
    }

    @Test
    void writesOnlyCsvTablesAndReadsNothing() {
        CsvTableMessageConverter converter = new CsvTableMessageConverter();
        assertThat(converter.canWrite(CsvTable.class, CsvTableMessageConverter.TEXT_CSV)).isTrue();
        assertThat(converter.canWrite(String.class, CsvTableMessageConverter.TEXT_CSV)).isFalse();
        assertThat(converter.canRead(CsvTable.class, CsvTableMessageConverter.TEXT_CSV)).isFalse();
    }
}
