package dev.synin.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake must notice a client hanging up, or the cancellation tests would prove nothing. */
class FakeLmStudioTest {

    private final FakeLmStudio fake = new FakeLmStudio().start();

    @AfterEach
    void stop() {
        fake.stop();
    }

    @Test
    void shouldCountAClientThatHangsUpMidStream() throws Exception {
        fake.enqueue(Reply.stream(FakeLmStudio.numberedAnswer(100)).pace(FakeLmStudio.ms(20)));
        int port = Integer.parseInt(fake.baseUrl().replaceAll(".*:(\\d+)/v1", "$1"));
        try (Socket socket = new Socket("127.0.0.1", port)) {
            String body = "{\"stream\":true}";
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[256];
            assertThat(in.read(buffer)).isPositive();
        }
        await("hang-up noticed").atMost(Duration.ofSeconds(3)).until(() -> fake.hangUps() == 1);
    }
}
