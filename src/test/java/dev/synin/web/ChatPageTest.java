package dev.synin.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;

/**
 * A browser test of the chat page: every test starts as a new visitor on an empty page, against a fake LM Studio back
 * to its transcripts and closed breakers, and ends without a script error or a Content-Security-Policy violation.
 */
abstract class ChatPageTest extends SingleBrowserTest {

    @Inject
    CircuitBreakerMaintenance breakers;

    ChatPage page;

    @BeforeEach
    void freshVisitor() {
        fake.reset();
        breakers.resetAll();
        page = new ChatPage(driver, base);
        page.forgetVisitor();
        page.open("/");
    }

    @AfterEach
    void noScriptErrors() {
        assertThat(console("Uncaught", "Content Security Policy", "Refused to")).isEmpty();
    }

    /** The console messages so far that contain one of these. */
    List<String> console(String... problems) {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .filter(m -> Arrays.stream(problems).anyMatch(m::contains))
                .toList();
    }
}
