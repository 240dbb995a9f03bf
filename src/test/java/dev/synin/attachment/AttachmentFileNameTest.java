package dev.synin.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class AttachmentFileNameTest {

    @Test
    void shouldKeepOnlyTheLastPathSegmentWithoutControlCharacters() {
        assertThat(FileName.sanitize("../../etc/passwd.txt")).contains("passwd.txt");
        assertThat(FileName.sanitize("C:\\Users\\ann\\Desktop\\report.pdf")).contains("report.pdf");
        assertThat(FileName.sanitize("evil\u202Egpj.exe")).contains("evilgpj.exe");
        assertThat(FileName.sanitize("line\r\nbreak\u0000.md")).contains("linebreak.md");
        assertThat(FileName.sanitize("what?<is>:this*.txt")).contains("what__is__this_.txt");
        assertThat(FileName.sanitize(".hidden")).contains("hidden");
        assertThat(FileName.sanitize("Übersicht 2026 – Bericht.pdf")).contains("Übersicht 2026 – Bericht.pdf");
    }

    @Test
    void shouldRefuseOnlyWhenNothingIsLeft() {
        for (String name : new String[] { "..", "/", "a/", "\u0000\u0001", " . ", null, "" }) {
            assertThat(FileName.sanitize(name)).as(String.valueOf(name)).isEqualTo(Optional.empty());
        }
    }

    @Test
    void shouldShortenLongNamesKeepingTheExtension() {
        String name = FileName.sanitize("x".repeat(500) + ".docx").orElseThrow();
        assertThat(name).hasSize(FileName.MAX_LENGTH).endsWith(".docx");
    }

    @Test
    void shouldWriteAnAttachmentDispositionWithAnAsciiFallbackAndUtf8Name() {
        assertThat(FileName.contentDisposition("Bericht – März \"final\".pdf", false))
                .isEqualTo("attachment; filename=\"Bericht _ M_rz _final_.pdf\"; filename*=UTF-8''Bericht%20%E2%80%93%20M%C3%A4rz%20%22final%22.pdf");
    }
}
